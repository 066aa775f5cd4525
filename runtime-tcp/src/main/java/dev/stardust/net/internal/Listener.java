package dev.stardust.net.internal;

import dev.stardust.StardustException;
import dev.stardust.dns.Dns;
import dev.stardust.internal.Errno;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.RealLoop;
import dev.stardust.internal.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The listening half of every TCP and Unix domain socket server, shared by {@code net.Server} and the HTTP server so
 * that they agree: a bad port and a second {@code listen} throw at once with node's codes, the host is resolved as
 * {@code dns.lookup} does, the backlog defaults to node's 511, and a failed bind fails the promise with node's error
 * ({@code listen EADDRINUSE 127.0.0.1:8080}). What happens to accepted channels is the server's business. Loop thread
 * only.
 */
public final class Listener {
    /** The listen backlog when none is given, as node's 511. */
    public static final int DEFAULT_BACKLOG = 511;

    private final RealLoop loop;
    private boolean started;

    public Listener(RealLoop loop) {
        this.loop = loop;
    }

    /** Whether {@code listen} was called. */
    public boolean started() {
        return started;
    }

    /**
     * Binds {@code port} on {@code host} (every interface when empty) and hands each accepted channel's bootstrap to
     * {@code children}; the promise gets the listening channel, or node's error.
     *
     * @throws StardustException {@code ERR_SOCKET_BAD_PORT} or {@code ERR_SERVER_ALREADY_LISTEN}, before anything
     *     is bound
     */
    public LoopPromise<Channel> listen(int port, String host, int backlog, boolean reusePort,
            Consumer<ServerBootstrap> children) {
        if (port < 0 || port > 65535) {
            throw new StardustException("ERR_SOCKET_BAD_PORT", "port must be 0 to 65535, got " + port);
        }
        if (reusePort && loop.transportKind() == Transport.NIO) {
            throw new StardustException("ERR_REUSEPORT_UNSUPPORTED",
                    "reusePort needs the epoll or kqueue transport; this loop runs on nio");
        }
        start(backlog);
        LoopPromise<Channel> promise = new LoopPromise<Channel>(loop).markHandled();
        String where = (host.isEmpty() ? "::" : host) + ":" + port;
        if (host.isEmpty()) {
            bind(new InetSocketAddress(port), false, backlog, reusePort, where, children, promise);
        } else {
            Dns.lookup(Addresses.unbracket(host)).onComplete((found, error) -> {
                if (error != null || found == null) {
                    promise.reject(error != null ? error
                            : new StardustException("ENOTFOUND", "getaddrinfo ENOTFOUND " + host));
                } else {
                    InetSocketAddress address = new InetSocketAddress(
                            NetUtil.createInetAddressFromIpAddressString(found.address()), port);
                    bind(address, false, backlog, reusePort, where, children, promise);
                }
            });
        }
        return promise;
    }

    /** Binds a Unix domain socket at {@code path}; as {@link #listen(int, String, int, boolean, Consumer)}. */
    public LoopPromise<Channel> listen(Path path, int backlog, Consumer<ServerBootstrap> children) {
        Addresses.requireDomainSockets(loop);
        start(backlog);
        LoopPromise<Channel> promise = new LoopPromise<Channel>(loop).markHandled();
        bind(new DomainSocketAddress(path.toString()), true, backlog, false, path.toString(), children, promise);
        return promise;
    }

    private void start(int backlog) {
        loop.checkThread();
        if (backlog < 0) {
            throw new StardustException("ERR_OUT_OF_RANGE", "backlog must not be negative, got " + backlog);
        }
        if (started) {
            throw new StardustException("ERR_SERVER_ALREADY_LISTEN", "listen() was already called on this server");
        }
        started = true;
    }

    private void bind(SocketAddress where, boolean domain, int backlog, boolean reusePort, String description,
            Consumer<ServerBootstrap> children, LoopPromise<Channel> promise) {
        ServerBootstrap bootstrap = new ServerBootstrap().group(loop.ioLoop())
                .channelFactory(() -> domain ? loop.transportKind().newServerDomainSocketChannel()
                        : loop.transportKind().newServerSocketChannel())
                .option(ChannelOption.SO_BACKLOG, backlog);
        if (!domain) {
            bootstrap.option(ChannelOption.SO_REUSEADDR, true);
        }
        if (reusePort) {
            bootstrap.option(UnixChannelOption.SO_REUSEPORT, true);
        }
        children.accept(bootstrap);
        bootstrap.bind(where).addListener(f -> loop.invoke(() -> {
            Channel ch = ((ChannelFuture) f).channel();
            if (f.isSuccess()) {
                promise.resolve(ch);
            } else {
                ch.close();
                promise.reject(Errno.from(f.cause(), "listen", description));
            }
        }));
    }
}
