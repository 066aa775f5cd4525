package dev.stardust;

/**
 * Where a server listens or a socket is bound, or where a datagram came from, as node's {@code server.address()},
 * {@code socket.address()} and the {@code rinfo} of {@code dgram}: the IP address as text ({@code 127.0.0.1},
 * {@code ::1}), {@code "IPv4"}, {@code "IPv6"} or {@code "unix"}, and the port (0 for a Unix domain socket, whose
 * path is the address). One type for TCP ({@code runtime-tcp}) and UDP ({@code runtime-udp}), so it lives in core.
 *
 * @param address the IP address as text, or a Unix domain socket's path
 * @param family {@code IPv4}, {@code IPv6} or {@code unix}
 * @param port the port, 0 for a Unix domain socket
 */
public record AddressInfo(String address, String family, int port) {
}
