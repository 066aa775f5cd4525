package dev.stardust.dns;

/**
 * One address {@link Dns#lookup} found, as node's {@code {address, family}}.
 *
 * @param address the IP address as text, e.g. {@code 127.0.0.1} or {@code ::1}
 * @param family 4 or 6
 */
public record LookupAddress(String address, int family) {
}
