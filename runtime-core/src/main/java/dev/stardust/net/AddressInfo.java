package dev.stardust.net;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Where a server listens or a socket is bound, or where a datagram came from, as node's {@code server.address()},
 * {@code socket.address()} and the {@code rinfo} of {@code dgram}: the IP address as text ({@code 127.0.0.1},
 * {@code ::1}), {@code "IPv4"}, {@code "IPv6"} or {@code "unix"}, and the port (0 for a Unix domain socket, whose
 * path is the address). One type for TCP ({@code dev.stardust.net}) and UDP ({@code dev.stardust.dgram}).
 *
 * @param address the IP address as text, or a Unix domain socket's path
 * @param family {@code IPv4}, {@code IPv6} or {@code unix}
 * @param port the port, 0 for a Unix domain socket
 */
public record AddressInfo(String address, String family, int port) {

    static AddressInfo of(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            java.net.InetAddress ip = inet.getAddress();
            String family = ip instanceof java.net.Inet6Address ? "IPv6" : "IPv4";
            String text = ip == null ? inet.getHostString() : io.netty.util.NetUtil.toAddressString(ip);
            return new AddressInfo(text, family, inet.getPort());
        }
        if (address instanceof io.netty.channel.unix.DomainSocketAddress unix) {
            return new AddressInfo(unix.path(), "unix", 0);
        }
        return new AddressInfo(String.valueOf(address), "unix", 0);
    }
}
