package dev.stardust.dns;

/**
 * What {@link Dns#lookupService} finds for an address and port, node's {@code {hostname, service}}.
 *
 * @param hostname the address's host name, e.g. {@code localhost}
 * @param service the port's service name, e.g. {@code ssh}, or the port's number as text when it has none
 */
public record HostAndService(String hostname, String service) {
}
