package dev.stardust.dgram;

/**
 * A socket address as node reports it from {@code socket.address()} and {@code socket.remoteAddress()}.
 *
 * @param address the IP address as text, e.g. {@code 127.0.0.1} or {@code ::1}
 * @param family {@code IPv4} or {@code IPv6}
 * @param port the port
 */
public record AddressInfo(String address, String family, int port) {
}
