package dev.stardust.net.internal;

import dev.stardust.AddressInfo;
import dev.stardust.StardustException;
import dev.stardust.internal.RealLoop;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Turns a channel's socket address into node's {@code {address, family, port}}, and a host as the user wrote it into
 * one to look up; knows which transports have Unix domain sockets.
 */
public final class Addresses {
    private Addresses() {
    }

    /** {@code address} as node reports it: the IP as text with its family, or a Unix domain socket's path. */
    public static AddressInfo info(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            InetAddress ip = inet.getAddress();
            String family = ip instanceof Inet6Address ? "IPv6" : "IPv4";
            String text = ip == null ? inet.getHostString() : NetUtil.toAddressString(ip);
            return new AddressInfo(text, family, inet.getPort());
        }
        if (address instanceof DomainSocketAddress unix) {
            return new AddressInfo(unix.path(), "unix", 0);
        }
        return new AddressInfo(String.valueOf(address), "unix", 0);
    }

    /** Throws node's {@code ERR_NOT_SUPPORTED} unless {@code loop}'s transport has Unix domain sockets. */
    static void requireDomainSockets(RealLoop loop) {
        if (!loop.transportKind().supportsDomainSockets()) {
            throw new StardustException("ERR_NOT_SUPPORTED", "Unix domain sockets need the epoll or kqueue transport, "
                    + "this loop runs on " + loop.transport());
        }
    }

    /** {@code host} without the brackets of an IPv6 literal such as {@code [::1]}. */
    public static String unbracket(String host) {
        return host.length() > 1 && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
                : host;
    }
}
