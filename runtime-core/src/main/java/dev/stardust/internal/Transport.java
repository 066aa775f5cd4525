package dev.stardust.internal;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.kqueue.KQueue;
import io.netty.channel.kqueue.KQueueDatagramChannel;
import io.netty.channel.kqueue.KQueueDomainSocketChannel;
import io.netty.channel.kqueue.KQueueIoHandler;
import io.netty.channel.kqueue.KQueueServerDomainSocketChannel;
import io.netty.channel.kqueue.KQueueServerSocketChannel;
import io.netty.channel.kqueue.KQueueSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The Netty transports a loop can run on, best first. The system property {@code stardust.transport}
 * ({@code epoll}, {@code io_uring}, {@code kqueue}, {@code nio}) forces one; otherwise the best available automatic
 * one is chosen. io_uring is never chosen by itself: it is opt-in (its jars are an optional dependency, and kernels
 * and sandboxes that allow it still differ), so only asking for it by name selects it.
 */
public enum Transport {
    EPOLL("epoll") {
        @Override public boolean isAvailable() { return Epoll.isAvailable(); }
        @Override public @Nullable Throwable unavailabilityCause() { return Epoll.unavailabilityCause(); }
        @Override public IoHandlerFactory ioHandlerFactory() { return EpollIoHandler.newFactory(); }
        @Override public SocketChannel newSocketChannel() { return new EpollSocketChannel(); }
        @Override public ServerChannel newServerSocketChannel() { return new EpollServerSocketChannel(); }
        @Override public DatagramChannel newDatagramChannel(boolean ipv6) {
            return new EpollDatagramChannel(ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET);
        }
        @Override public boolean supportsDomainSockets() { return true; }
        @Override public Channel newDomainSocketChannel() { return new EpollDomainSocketChannel(); }
        @Override public ServerChannel newServerDomainSocketChannel() { return new EpollServerDomainSocketChannel(); }
    },
    IO_URING("io_uring") {
        @Override public boolean isAvailable() { return IoUringSupport.isAvailable(); }
        @Override public @Nullable Throwable unavailabilityCause() { return IoUringSupport.unavailabilityCause(); }
        @Override public boolean automatic() { return false; }
        @Override public IoHandlerFactory ioHandlerFactory() { return IoUringSupport.ioHandlerFactory(); }
        @Override public SocketChannel newSocketChannel() { return IoUringSupport.newSocketChannel(); }
        @Override public ServerChannel newServerSocketChannel() { return IoUringSupport.newServerSocketChannel(); }
        @Override public DatagramChannel newDatagramChannel(boolean ipv6) {
            return IoUringSupport.newDatagramChannel(ipv6);
        }
        @Override public boolean supportsDomainSockets() { return true; }
        @Override public Channel newDomainSocketChannel() { return IoUringSupport.newDomainSocketChannel(); }
        @Override public ServerChannel newServerDomainSocketChannel() {
            return IoUringSupport.newServerDomainSocketChannel();
        }
    },
    KQUEUE("kqueue") {
        @Override public boolean isAvailable() { return KQueue.isAvailable(); }
        @Override public @Nullable Throwable unavailabilityCause() { return KQueue.unavailabilityCause(); }
        @Override public IoHandlerFactory ioHandlerFactory() { return KQueueIoHandler.newFactory(); }
        @Override public SocketChannel newSocketChannel() { return new KQueueSocketChannel(); }
        @Override public ServerChannel newServerSocketChannel() { return new KQueueServerSocketChannel(); }
        @Override public DatagramChannel newDatagramChannel(boolean ipv6) {
            return new KQueueDatagramChannel(ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET);
        }
        @Override public boolean supportsDomainSockets() { return true; }
        @Override public Channel newDomainSocketChannel() { return new KQueueDomainSocketChannel(); }
        @Override public ServerChannel newServerDomainSocketChannel() { return new KQueueServerDomainSocketChannel(); }
    },
    NIO("nio") {
        @Override public boolean isAvailable() { return true; }
        @Override public @Nullable Throwable unavailabilityCause() { return null; }
        @Override public IoHandlerFactory ioHandlerFactory() { return NioIoHandler.newFactory(); }
        @Override public SocketChannel newSocketChannel() { return new NioSocketChannel(); }
        @Override public ServerChannel newServerSocketChannel() { return new NioServerSocketChannel(); }
        @Override public DatagramChannel newDatagramChannel(boolean ipv6) {
            return new NioDatagramChannel(ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET);
        }
        @Override public boolean supportsDomainSockets() { return false; }
        @Override public Channel newDomainSocketChannel() { throw unsupportedDomainSockets(); }
        @Override public ServerChannel newServerDomainSocketChannel() { throw unsupportedDomainSockets(); }
    };

    /** The system property that forces a transport by name. */
    public static final String PROPERTY = "stardust.transport";

    private final String displayName;

    Transport(String displayName) {
        this.displayName = displayName;
    }

    /** The lower-case name users see and pass in {@value #PROPERTY}. */
    public String displayName() {
        return displayName;
    }

    /** Whether this transport loads and works here (for io_uring: its jars are there and the kernel allows it). */
    public abstract boolean isAvailable();

    /** Why {@link #isAvailable()} is false, or null when it is true. */
    public abstract @Nullable Throwable unavailabilityCause();

    /** Whether a loop may choose this transport by itself; false for opt-in ones (io_uring), chosen only by name. */
    public boolean automatic() {
        return true;
    }

    public abstract IoHandlerFactory ioHandlerFactory();

    public abstract SocketChannel newSocketChannel();

    public abstract ServerChannel newServerSocketChannel();

    public abstract DatagramChannel newDatagramChannel(boolean ipv6);

    public abstract boolean supportsDomainSockets();

    public abstract Channel newDomainSocketChannel();

    public abstract ServerChannel newServerDomainSocketChannel();

    /**
     * Every transport that can run on this machine, best first, opt-in ones included: what network tests iterate
     * over, so that a test runs on io_uring too wherever io_uring is there.
     */
    public static List<Transport> available() {
        List<Transport> result = new ArrayList<>();
        for (Transport t : values()) {
            if (t.isAvailable()) {
                result.add(t);
            }
        }
        return result;
    }

    /** The transport named by {@value #PROPERTY} if set, else the best available one. */
    public static Transport select(@Nullable String requested) {
        String name = requested != null ? requested : System.getProperty(PROPERTY);
        if (name == null || name.isBlank()) {
            // The first available, without probing the rest: on Linux, asking KQueue loads its classes and fails to
            // load its native library, for nothing.
            for (Transport t : values()) {
                if (t.automatic() && t.isAvailable()) {
                    return t;
                }
            }
            return NIO;
        }
        Transport t = byName(name);
        if (!t.isAvailable()) {
            Throwable cause = t.unavailabilityCause();
            throw new IllegalStateException("transport '" + name + "' is not available on this machine"
                    + (cause != null ? ": " + cause : ""), cause);
        }
        return t;
    }

    public static Transport byName(String name) {
        for (Transport t : values()) {
            if (t.displayName.equals(name.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + name
                + "' (expected epoll, io_uring, kqueue or nio)");
    }

    private static UnsupportedOperationException unsupportedDomainSockets() {
        return new UnsupportedOperationException("Unix domain sockets need the epoll, io_uring or kqueue transport");
    }

}
