package dev.stardust.http.internal;

import dev.stardust.Promise;
import dev.stardust.Timer;
import dev.stardust.http.HttpServer;
import dev.stardust.http.HttpServerOptions;
import dev.stardust.http.IncomingMessage;
import dev.stardust.http.ServerResponse;
import dev.stardust.internal.Errno;
import dev.stardust.internal.LoopHandle;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.RealLoop;
import dev.stardust.internal.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ServerChannel;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The Netty side of an {@link HttpServer}: the listening channel, the set of open connections, and one repeating
 * timer that checks every connection's deadline (node's {@code connectionsCheckingInterval}) so a request costs no
 * timer of its own. The handle stays open, keeping the loop alive, until the server is closed and its last
 * connection is gone.
 */
public final class ServerCore extends LoopHandle {
    final HttpServerOptions options;
    final HttpServer server;
    // The options each request reads, worked out once.
    final long headersTimeoutNanos;
    final long requestTimeoutNanos;
    final long keepAliveTimeoutNanos;
    final AsciiString keepAliveHeader;
    private final List<BiConsumer<IncomingMessage, ServerResponse>> requestHandlers = new ArrayList<>(1);
    private final List<BiConsumer<IncomingMessage, ServerResponse>> continueHandlers = new ArrayList<>(0);
    private final Set<ServerConnection> connections = new LinkedHashSet<>();
    private final List<LoopPromise<Void>> closePromises = new ArrayList<>(1);
    private @Nullable Channel channel;
    private @Nullable InetSocketAddress address;
    private @Nullable Timer sweeper;
    private boolean listenCalled;
    private boolean closing;
    private boolean closeEmitted;
    private long rejected;

    private dev.stardust.tls.internal.@Nullable TlsLayer tls;

    /** Makes this an HTTPS server: each accepted connection gets {@code layer}'s TLS handler first. */
    public void secure(dev.stardust.tls.internal.TlsLayer layer) {
        this.tls = layer;
    }

    public ServerCore(RealLoop loop, HttpServerOptions options, HttpServer server) {
        super(loop);
        this.options = options;
        this.server = server;
        this.headersTimeoutNanos = options.headersTimeout().toNanos();
        this.requestTimeoutNanos = options.requestTimeout().toNanos();
        this.keepAliveTimeoutNanos = options.keepAliveTimeout().toNanos();
        this.keepAliveHeader = AsciiString.cached("timeout=" + Math.max(1, options.keepAliveTimeout().toSeconds()));
    }

    public void addRequestHandler(BiConsumer<IncomingMessage, ServerResponse> handler) {
        loop.checkThread();
        requestHandlers.add(handler);
    }

    public void addCheckContinueHandler(BiConsumer<IncomingMessage, ServerResponse> handler) {
        loop.checkThread();
        continueHandlers.add(handler);
    }

    List<BiConsumer<IncomingMessage, ServerResponse>> requestHandlers() {
        return requestHandlers;
    }

    List<BiConsumer<IncomingMessage, ServerResponse>> continueHandlers() {
        return continueHandlers;
    }

    RealLoop loop() {
        return loop;
    }

    public Promise<Void> listen(int port, @Nullable String host) {
        loop.checkThread();
        LoopPromise<Void> promise = new LoopPromise<>(loop);
        if (listenCalled) {
            promise.reject(new dev.stardust.StardustException("ERR_SERVER_ALREADY_LISTEN",
                    "listen() was already called on this server"));
            return promise;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        listenCalled = true;
        opened();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loop.ioLoop(), loop.ioLoop())
                .channelFactory(() -> (ServerChannel) loop.transportKind().newServerSocketChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accept(ch);
                    }
                });
        String where = (host == null ? "::" : host) + ":" + port;
        if (options.reusePort()) {
            if (loop.transportKind() == Transport.NIO) {
                closed();
                RuntimeException error = new dev.stardust.StardustException("ERR_REUSEPORT_UNSUPPORTED",
                        "reusePort needs the epoll or kqueue transport; this loop runs on nio (" + where + ")");
                promise.markHandled().reject(error);
                server.emit("error", error);
                return promise;
            }
            bootstrap.option(UnixChannelOption.SO_REUSEPORT, true);
        }
        ChannelFuture bind = host == null ? bootstrap.bind(port) : bootstrap.bind(host, port);
        bind.addListener(f -> {
            if (f.isSuccess()) {
                channel = bind.channel();
                address = (InetSocketAddress) bind.channel().localAddress();
                if (closing) {
                    bind.channel().close();
                    maybeFinishClose();
                    return;
                }
                long interval = options.connectionsCheckingInterval().toMillis();
                sweeper = loop.setTimer(this::sweep, interval, true).unref();
                promise.resolve(null);
                server.emit("listening");
            } else {
                closed();
                RuntimeException error = Errno.from(f.cause(), "listen", where);
                promise.markHandled().reject(error);
                server.emit("error", error);
            }
        });
        return promise;
    }

    /**
     * Serves HTTP on a channel that was accepted elsewhere, registered with this loop: what the listening socket does
     * for each connection. The request-path benchmark feeds an embedded channel through it.
     */
    public void serve(Channel ch) {
        loop.checkThread();
        accept(ch);
    }

    private void accept(Channel ch) {
        int max = options.maxConnections();
        if (closing || (max > 0 && connections.size() >= max)) {
            rejected++;
            ch.close();
            return;
        }
        dev.stardust.tls.internal.TlsLayer layer = tls;
        if (layer != null) {
            ch.pipeline().addFirst(layer.serverHandler(ch));
        }
        ServerConnection connection = new ServerConnection(this, ch);
        connections.add(connection);
        connection.install();
    }

    void connectionClosed(ServerConnection connection) {
        connections.remove(connection);
        if (closing) {
            maybeFinishClose();
        }
    }

    boolean closing() {
        return closing;
    }

    private void sweep() {
        long now = System.nanoTime();
        for (ServerConnection c : new ArrayList<>(connections)) {
            c.checkDeadline(now);
        }
    }

    public Optional<InetSocketAddress> address() {
        return Optional.ofNullable(channel != null && channel.isActive() ? address : null);
    }

    public boolean listening() {
        return channel != null && channel.isActive() && !closing;
    }

    public int connectionCount() {
        return connections.size();
    }

    public long rejectedConnections() {
        return rejected;
    }

    public Promise<Void> close() {
        loop.checkThread();
        LoopPromise<Void> promise = new LoopPromise<>(loop);
        if (!listenCalled) {
            promise.reject(new dev.stardust.StardustException("ERR_SERVER_NOT_RUNNING", "the server is not running"));
            return promise;
        }
        if (closeEmitted) {
            promise.resolve(null);
            return promise;
        }
        closePromises.add(promise);
        if (!closing) {
            closing = true;
            if (channel != null) {
                channel.close();
            }
            closeIdleConnections();
        }
        maybeFinishClose();
        return promise;
    }

    public void closeAllConnections() {
        loop.checkThread();
        for (ServerConnection c : new ArrayList<>(connections)) {
            c.destroy();
        }
    }

    public void closeIdleConnections() {
        loop.checkThread();
        for (ServerConnection c : new ArrayList<>(connections)) {
            c.closeIfIdle();
        }
    }

    private void maybeFinishClose() {
        if (closeEmitted || !closing || !connections.isEmpty() || (channel == null && isOpen() && !bindFailed())) {
            return;
        }
        closeEmitted = true;
        if (sweeper != null) {
            sweeper.close();
        }
        closed();
        for (LoopPromise<Void> p : closePromises) {
            p.resolve(null);
        }
        closePromises.clear();
        server.emit("close");
    }

    private boolean bindFailed() {
        return !isOpen();
    }

    @Override
    protected void closeGracefully() {
        if (!closing) {
            close();
        }
    }

    @Override
    protected void forceClose() {
        closeGracefully();
        closeAllConnections();
    }
}
