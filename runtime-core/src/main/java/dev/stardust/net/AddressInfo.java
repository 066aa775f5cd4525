package dev.stardust.net;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Where a server listens or a socket is bound, as node's {@code server.address()}: the IP address as text,
 * {@code "IPv4"}, {@code "IPv6"} or {@code "unix"}, and the port (0 for a Unix domain socket, whose path is the
 * address).
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
