package dev.stardust.dns.resolver;

/**
 * An address with its time to live, what node's {@code resolve4(name, {ttl: true})} returns.
 *
 * @param address the IPv4 or IPv6 address as text
 * @param ttl seconds the answer may be cached
 */
public record RecordWithTtl(String address, int ttl) {
}
