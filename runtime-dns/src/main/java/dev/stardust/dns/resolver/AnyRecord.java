package dev.stardust.dns.resolver;

/**
 * One record of any type, as node's {@code resolveAny} returns them, with the data in presentation form
 * (as {@code dig} prints it): {@code 10 mail.example.org} for an MX, the address for an A.
 *
 * @param type the record type, e.g. {@code A}, {@code MX}, {@code TXT}
 * @param ttl seconds the record may be cached
 * @param data the record's data as text
 */
public record AnyRecord(String type, int ttl, String data) {
}
