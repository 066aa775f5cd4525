package dev.stardust.http2.internal;

import dev.stardust.AddressInfo;
import dev.stardust.EventEmitter;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.Timer;
import dev.stardust.http.Http;
import dev.stardust.http.IncomingMessage;
import dev.stardust.http.ServerResponse;
import dev.stardust.http.internal.ServerCore;
import dev.stardust.http2.Http2ServerOptions;
import dev.stardust.internal.LoopHandle;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.RealLoop;
import dev.stardust.net.internal.Addresses;
import dev.stardust.net.internal.Listener;
import dev.stardust.tls.TlsOptions;
import dev.stardust.tls.internal.TlsLayer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The Netty side of an {@code Http2Server}: the listening channel, the open HTTP/2 sessions, the HTTP/1.1 server that
 * takes the connections of clients without HTTP/2 (when allowed), and one repeating timer that checks every
 * session's and stream's deadlines. Which protocol a connection speaks is decided per connection: by ALPN over TLS
 * ({@link AlpnSwitch}), by the first bytes in cleartext ({@link PrefaceSniffer}). The handle keeps the loop alive
 * from {@code listen} until closed and the last connection of either protocol is gone.
 */
public final class Http2ServerCore extends LoopHandle {
    final Http2ServerOptions options;
    private final EventEmitter server;
    private final List<BiConsumer<IncomingMessage, ServerResponse>> handlers = new ArrayList<>(1);
    private final Set<ServerSession> sessions = new LinkedHashSet<>();
    // Connections whose protocol is not known yet (TLS handshake, or no preface yet), with when they came: they
    // count against maxConnections and are closed past headersTimeout, so silence cannot hold a connection.
    private final Map<Channel, Long> undecided = new HashMap<>();
    private final List<LoopPromise<Void>> closePromises = new ArrayList<>(1);
    private final Listener listener;
    private final @Nullable TlsLayer tls;
    private final @Nullable ServerCore http1;
    private @Nullable Channel channel;
    private @Nullable AddressInfo address;
    private @Nullable Timer sweeper;
    private boolean closing;
    private boolean http1Closed;
    private boolean closeEmitted;
    private long rejected;

    /** A server for {@code server}'s events; over TLS when {@code tlsOptions} is given, in cleartext otherwise. */
    public Http2ServerCore(RealLoop loop, Http2ServerOptions options, EventEmitter server,
            @Nullable TlsOptions tlsOptions) {
        super(loop);
        this.options = options;
        this.server = server;
        this.listener = new Listener(loop);
        if (tlsOptions != null) {
            List<String> protocols = options.allowHttp1() ? List.of("h2", "http/1.1") : List.of("h2");
            this.tls = TlsLayer.server(tlsOptions.withAlpnProtocols(protocols));
        } else {
            this.tls = null;
        }
        if (options.allowHttp1()) {
            // The fallback's events (upgrade, checkContinue) go to a server of its own that nobody sees; its
            // requests come here.
            ServerCore core = new ServerCore(loop, options.http1(), Http.createServer(options.http1()));
            core.addRequestHandler(this::runHandlers);
            this.http1 = core;
        } else {
            this.http1 = null;
        }
    }

    public void addRequestHandler(BiConsumer<IncomingMessage, ServerResponse> handler) {
        loop.checkThread();
        handlers.add(handler);
    }

    private void runHandlers(IncomingMessage req, ServerResponse res) {
        for (BiConsumer<IncomingMessage, ServerResponse> handler : handlers) {
            handler.accept(req, res);
        }
    }

    /** Runs the handlers for a stream's request; one that throws is reported as uncaught and the stream fails. */
    void handle(StreamRequest req, StreamResponse res) {
        try {
            runHandlers(req, res);
        } catch (RuntimeException | Error e) {
            loop.reportUncaught(e);
            res.failFromHandler();
        }
    }

    RealLoop loop() {
        return loop;
    }

    public Promise<Void> listen(int port, String host, int backlog) {
        LoopPromise<Channel> bound = listener.listen(port, host, backlog, options.http1().reusePort(), b -> b
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accept(ch);
                    }
                }));
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
            if (http1 != null) {
                http1.attach();
            }
            sweeper = loop.setTimer(this::sweep, options.http1().connectionsCheckingInterval().toMillis(), true)
                    .unref();
            server.emit("listening");
            promise.resolve(null);
        });
        return promise;
    }

    private void accept(Channel ch) {
        int max = options.http1().maxConnections();
        if (closing || (max > 0 && connectionCount() >= max)) {
            rejected++;
            ch.close();
            return;
        }
        TlsLayer layer = tls;
        if (layer != null || http1 != null) {
            undecided.put(ch, System.nanoTime());
            ch.closeFuture().addListener(f -> undecided.remove(ch));
        }
        if (layer != null) {
            ch.pipeline().addLast(layer.serverHandler(ch), new AlpnSwitch(this));
        } else if (http1 != null) {
            ch.pipeline().addLast(new PrefaceSniffer(this));
        } else {
            startHttp2(ch);
        }
    }

    /** The connection speaks HTTP/2: a session takes it. */
    void startHttp2(Channel ch) {
        undecided.remove(ch);
        if (closing) {
            ch.close();
            return;
        }
        ServerSession session = new ServerSession(this, ch);
        sessions.add(session);
        session.install();
    }

    /** The connection speaks HTTP/1.1: the fallback server takes it, or, without one, it is closed. */
    void startHttp1(Channel ch) {
        undecided.remove(ch);
        ServerCore core = http1;
        if (core == null || closing) {
            ch.close();
            return;
        }
        core.serve(ch);
    }

    void sessionClosed(ServerSession session) {
        sessions.remove(session);
        if (closing) {
            maybeFinishClose();
        }
    }

    boolean closing() {
        return closing;
    }

    private void sweep() {
        long now = System.nanoTime();
        long limit = options.http1().headersTimeout().toNanos();
        for (Map.Entry<Channel, Long> e : new ArrayList<>(undecided.entrySet())) {
            if (limit > 0 && now - e.getValue() > limit) {
                e.getKey().close();
            }
        }
        for (ServerSession s : new ArrayList<>(sessions)) {
            s.checkDeadlines(now);
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

    /** Open connections of both protocols. */
    public int connectionCount() {
        return undecided.size() + sessions.size() + (http1 == null ? 0 : http1.connectionCount());
    }

    public int sessionCount() {
        return sessions.size();
    }

    public long rejectedConnections() {
        return rejected;
    }

    public Promise<Void> close() {
        loop.checkThread();
        LoopPromise<Void> promise = new LoopPromise<>(loop);
        if (!listener.started()) {
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
            for (Channel ch : new ArrayList<>(undecided.keySet())) {
                ch.close();
            }
            for (ServerSession s : new ArrayList<>(sessions)) {
                s.goAway();
            }
            ServerCore core = http1;
            if (core != null && channel != null) {
                core.close().onComplete((v, e) -> {
                    http1Closed = true;
                    maybeFinishClose();
                });
            } else {
                http1Closed = true;
            }
        }
        maybeFinishClose();
        return promise;
    }

    public void closeAllConnections() {
        loop.checkThread();
        for (Channel ch : new ArrayList<>(undecided.keySet())) {
            ch.close();
        }
        for (ServerSession s : new ArrayList<>(sessions)) {
            s.destroy();
        }
        if (http1 != null) {
            http1.closeAllConnections();
        }
    }

    private void maybeFinishClose() {
        if (closeEmitted || !closing || !sessions.isEmpty() || (channel != null && !http1Closed)
                || (channel == null && isOpen())) {
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

    @Override
    protected void closeGracefully() {
        if (!closing && listener.started()) {
            close();
        }
    }

    @Override
    protected void forceClose() {
        closeGracefully();
        closeAllConnections();
    }
}
