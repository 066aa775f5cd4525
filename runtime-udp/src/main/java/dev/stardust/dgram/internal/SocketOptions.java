package dev.stardust.dgram.internal;

import dev.stardust.StardustException;
import dev.stardust.internal.Errno;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.unix.UnixChannel;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.util.Enumeration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Socket options of a bound datagram channel, failing the way node's do: synchronously, with a system error
 * code. The unicast TTL has no portable Java option, so it is set as the raw {@code IP_TTL} /
 * {@code IPV6_UNICAST_HOPS} on Linux's native transports (epoll, io_uring), whose numbers these are, and reported as
 * {@code ENOTSUP} on NIO and kqueue.
 */
final class SocketOptions {
    private static final int IPPROTO_IP = 0;
    private static final int IP_TTL = 2;
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_UNICAST_HOPS = 16;
    /** epoll and io_uring channels are the native ones on Linux; kqueue's (macOS, BSD) number these options apart. */
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");

    private SocketOptions() {
    }

    static <T> void set(DatagramChannel channel, ChannelOption<T> option, T value, String syscall) {
        boolean applied;
        try {
            applied = channel.config().setOption(option, value);
        } catch (RuntimeException e) {
            throw Errno.from(e.getCause() != null ? e.getCause() : e, syscall, "");
        }
        if (!applied) {
            throw new StardustException("ENOTSUP", syscall + " ENOTSUP: not supported by the "
                    + channel.getClass().getSimpleName());
        }
    }

    /**
     * Sets {@code SO_REUSEADDR} and {@code SO_REUSEPORT} on an unbound channel, as node's {@code reuseAddr} and
     * {@code reusePort}: the native transports' option, the JDK's on NIO where the system has one.
     */
    static void reuse(DatagramChannel channel, boolean reuseAddr, boolean reusePort) {
        if (reuseAddr) {
            set(channel, ChannelOption.SO_REUSEADDR, true, "bind");
        }
        if (!reusePort) {
            return;
        }
        ChannelOption<Boolean> option;
        if (channel instanceof NioDatagramChannel) {
            if (!supportsNioReusePort()) {
                throw new StardustException("ERR_REUSEPORT_UNSUPPORTED", "reusePort is not supported here");
            }
            option = NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT);
        } else {
            option = UnixChannelOption.SO_REUSEPORT;
        }
        set(channel, option, true, "bind");
    }

    private static boolean supportsNioReusePort() {
        try (java.nio.channels.DatagramChannel probe = java.nio.channels.DatagramChannel.open()) {
            return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException e) {
            return false;
        }
    }

    /** Sets a buffer size, which node's {@code ERR_SOCKET_BAD_BUFFER_SIZE} refuses unless it is positive. */
    static void setBufferSize(DatagramChannel channel, ChannelOption<Integer> option, int size, String syscall) {
        if (size <= 0) {
            throw new StardustException("ERR_SOCKET_BAD_BUFFER_SIZE", "buffer size must be positive, got " + size);
        }
        set(channel, option, size, syscall);
    }

    static void setUnicastTtl(DatagramChannel channel, boolean ipv6, int ttl) {
        if (ttl < 1 || ttl > 255) {
            throw new StardustException("EINVAL", "setTTL EINVAL: ttl must be 1 to 255, got " + ttl);
        }
        if (!(LINUX && channel instanceof UnixChannel)) {
            throw new StardustException("ENOTSUP", "setTTL ENOTSUP: the unicast TTL needs the native transport");
        }
        IntegerUnixChannelOption option = ipv6
                ? new IntegerUnixChannelOption("IPV6_UNICAST_HOPS", IPPROTO_IPV6, IPV6_UNICAST_HOPS)
                : new IntegerUnixChannelOption("IP_TTL", IPPROTO_IP, IP_TTL);
        set(channel, option, ttl, "setTTL");
    }

    static void membership(DatagramChannel channel, String group, @Nullable String iface, boolean join) {
        String syscall = join ? "addMembership" : "dropMembership";
        InetAddress groupAddress = literal(group, syscall);
        if (!groupAddress.isMulticastAddress()) {
            throw new StardustException("EINVAL", syscall + " EINVAL: " + group + " is not a multicast address");
        }
        NetworkInterface ni = iface != null ? interfaceOf(iface) : defaultInterface(channel);
        ChannelFuture f = join ? channel.joinGroup(groupAddress, ni, null) : channel.leaveGroup(groupAddress, ni, null);
        // On the loop thread both transports complete these at once; a failure is thrown as node throws.
        if (f.isDone() && !f.isSuccess()) {
            throw Errno.from(f.cause(), syscall, group);
        }
    }

    /** The interface that has address {@code iface}. */
    static NetworkInterface interfaceOf(String iface) {
        InetAddress address = literal(iface, "setMulticastInterface");
        try {
            NetworkInterface ni = NetworkInterface.getByInetAddress(address);
            if (ni == null) {
                throw new StardustException("EADDRNOTAVAIL", "no interface has address " + iface);
            }
            return ni;
        } catch (SocketException e) {
            throw Errno.from(e, "setMulticastInterface", iface);
        }
    }

    /**
     * The interface of the bound address, else the first multicast-capable interface that is up, else loopback:
     * Netty needs an interface where the system call would take "any".
     */
    private static NetworkInterface defaultInterface(DatagramChannel channel) {
        try {
            InetAddress local = channel.localAddress().getAddress();
            if (!local.isAnyLocalAddress()) {
                NetworkInterface ni = NetworkInterface.getByInetAddress(local);
                if (ni != null) {
                    return ni;
                }
            }
            NetworkInterface loopback = null;
            Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
            while (all != null && all.hasMoreElements()) {
                NetworkInterface ni = all.nextElement();
                if (!ni.isUp()) {
                    continue;
                }
                if (ni.isLoopback()) {
                    loopback = ni;
                } else if (ni.supportsMulticast()) {
                    return ni;
                }
            }
            if (loopback != null) {
                return loopback;
            }
        } catch (SocketException e) {
            throw Errno.from(e, "addMembership", "");
        }
        throw new StardustException("ENODEV", "no network interface supports multicast");
    }

    private static InetAddress literal(String address, String syscall) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes == null) {
            throw new StardustException("EINVAL", syscall + " EINVAL: " + address + " is not an IP address");
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new StardustException("EINVAL", syscall + " EINVAL: " + address, e);
        }
    }
}
