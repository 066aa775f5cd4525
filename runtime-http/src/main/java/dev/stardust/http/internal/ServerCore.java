package dev.stardust.http.internal;

import dev.stardust.AddressInfo;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.Timer;
import dev.stardust.http.HttpServer;
import dev.stardust.http.HttpServerOptions;
import dev.stardust.http.IncomingMessage;
import dev.stardust.http.ServerResponse;
import dev.stardust.internal.LoopHandle;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.RealLoop;
import dev.stardust.net.internal.Addresses;
import dev.stardust.net.internal.Listener;
import dev.stardust.tls.internal.TlsLayer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.util.AsciiString;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
    private @Nullable AddressInfo address;
    private final Listener listener;
    private @Nullable Timer sweeper;
    private boolean closing;
    private boolean closeEmitted;
    private boolean attached;
    private long rejected;

    private @Nullable TlsLayer tls;

    /** Makes this an HTTPS server: each accepted connection gets {@code layer}'s TLS handler first. */
    public void secure(TlsLayer layer) {
        this.tls = layer;
    }

    public ServerCore(RealLoop loop, HttpServerOptions options, HttpServer server) {
        super(loop);
        this.listener = new Listener(loop);
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

    /**
     * Runs the handlers for a request: the {@code checkContinue} ones when it expects {@code 100 Continue} and there are
     * any (else {@code 100 Continue} is sent at once), the {@code request} ones otherwise. A handler that throws is
     * reported as uncaught and its response fails (500 if nothing was sent).
     */
    void handle(ServerRequest req, RealServerResponse res, boolean expectsContinue) {
        List<BiConsumer<IncomingMessage, ServerResponse>> handlers = requestHandlers;
        if (expectsContinue) {
            if (!continueHandlers.isEmpty()) {
                handlers = continueHandlers;
            } else {
                res.writeContinue();
            }
        }
        try {
            for (BiConsumer<IncomingMessage, ServerResponse> handler : handlers) {
                handler.accept(req, res);
            }
        } catch (RuntimeException | Error e) {
            loop.reportUncaught(e);
            res.failFromHandler();
        }
    }

    /**
     * Serves only the connections another server hands over with {@link #serve} (HTTP/2's fallback to HTTP/1.1 on
     * its own port) instead of listening: starts the deadline sweep. The other server's handle keeps the loop alive,
     * not this one; {@link #close()} completes once the handed-over connections are gone.
     */
    public void attach() {
        loop.checkThread();
        attached = true;
        opened();
        unref();
        sweeper = loop.setTimer(this::sweep, options.connectionsCheckingInterval().toMillis(), true).unref();
    }

    RealLoop loop() {
        return loop;
    }

    /** Listens on {@code port} of {@code host} (every interface when empty) through the TCP servers' listener. */
    public Promise<Void> listen(int port, String host, int backlog) {
        return listening(listener.listen(port, host, backlog, options.reusePort(), b -> configureChildren(b, true)));
    }

    /** Listens on a Unix domain socket at {@code path}. */
    public Promise<Void> listen(Path path, int backlog) {
        return listening(listener.listen(path, backlog, b -> configureChildren(b, false)));
    }

    private void configureChildren(ServerBootstrap bootstrap, boolean tcp) {
        if (tcp) {
            bootstrap.childOption(ChannelOption.TCP_NODELAY, true);
        }
        bootstrap.childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accept(ch);
                    }
                });
    }

    private Promise<Void> listening(LoopPromise<Channel> bound) {
        opened();
        LoopPromise<Void> promise = new LoopPromise<>(loop);
        bound.onComplete((ch, error) -> {
            if (error != null || ch == null) {
                closed();
                promise.reject(error != null ? error : new IllegalStateException("no channel"));
                return;
            }
            channel = ch;
            address = Addresses.info(ch.localAddress());
            if (closing) {
                ch.close();
                maybeFinishClose();
                return;
            }
            long interval = options.connectionsCheckingInterval().toMillis();
            sweeper = loop.setTimer(this::sweep, interval, true).unref();
            server.emit("listening");
            promise.resolve(null);
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
        TlsLayer layer = tls;
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

    public AddressInfo address() {
        AddressInfo a = address;
        if (a == null || channel == null || !channel.isActive()) {
            throw new StardustException("ERR_SERVER_NOT_RUNNING", "the server is not listening");
        }
        return a;
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
        if (!listener.started() && !attached) {
            promise.reject(new StardustException("ERR_SERVER_NOT_RUNNING", "the server is not running"));
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
        if (closeEmitted || !closing || !connections.isEmpty()
                || (channel == null && !attached && isOpen() && !bindFailed())) {
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
