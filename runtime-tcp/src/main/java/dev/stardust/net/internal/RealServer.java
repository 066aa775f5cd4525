package dev.stardust.net.internal;

import dev.stardust.AddressInfo;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.dns.Dns;
import dev.stardust.internal.Errno;
import dev.stardust.internal.LoopHandle;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.RealLoop;
import dev.stardust.net.Server;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The implementation of {@link Server}: a server channel whose accepted channels become {@link RealSocket}s, with an
 * optional {@link ChannelLayer} (TLS) announced under its own connection event. Loop thread only.
 */
public final class RealServer extends Server {
    private final RealLoop loop;
    private final ServerHandle handle;
    private final Set<RealSocket> connections = new LinkedHashSet<>();
    private @Nullable Channel channel;
    private @Nullable AddressInfo address;
    private boolean listening;
    private boolean started;
    private boolean closing;
    private boolean channelClosed;
    private @Nullable LoopPromise<Void> closePromise;
    private final @Nullable ChannelLayer layer;
    private final String connectionEvent;
    private final String layerErrorEvent;

    /** A plain TCP or Unix domain socket server. */
    public RealServer(RealLoop loop) {
        this(loop, null, "connection", "");
    }

    /** A server whose sockets carry {@code layer} (TLS), announced as {@code connectionEvent} once it is set up. */
    public RealServer(RealLoop loop, @Nullable ChannelLayer layer, String connectionEvent, String layerErrorEvent) {
        this.loop = loop;
        this.handle = new ServerHandle(loop);
        this.layer = layer;
        this.connectionEvent = connectionEvent;
        this.layerErrorEvent = layerErrorEvent;
    }

    // ---- listening -------------------------------------------------------------------------------------------

    @Override
    public Promise<Server> listen(int port) {
        return listen(port, "", DEFAULT_BACKLOG, null);
    }

    @Override
    public Promise<Server> listen(int port, Runnable onListening) {
        return listen(port, "", DEFAULT_BACKLOG, onListening);
    }

    @Override
    public Promise<Server> listen(int port, String host) {
        return listen(port, host, DEFAULT_BACKLOG, null);
    }

    @Override
    public Promise<Server> listen(int port, String host, Runnable onListening) {
        return listen(port, host, DEFAULT_BACKLOG, onListening);
    }

    @Override
    public Promise<Server> listen(int port, String host, int backlog, @Nullable Runnable onListening) {
        if (port < 0 || port > 65535) {
            throw new StardustException("ERR_SOCKET_BAD_PORT", "port must be 0 to 65535, got " + port);
        }
        LoopPromise<Server> promise = begin(onListening);
        if (host.isEmpty()) {
            bind(new InetSocketAddress(port), false, backlog, String.valueOf(port), promise);
        } else {
            Dns.lookup(RealSocket.unbracket(host)).onComplete((found, error) -> {
                if (error != null || found == null) {
                    fail(error != null ? error : new StardustException("ENOTFOUND", host), promise);
                } else {
                    bind(new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(found.address()), port),
                            false, backlog, host + ":" + port, promise);
                }
            });
        }
        return promise;
    }

    @Override
    public Promise<Server> listen(Path path) {
        return listen(path, null);
    }

    @Override
    public Promise<Server> listen(Path path, @Nullable Runnable onListening) {
        if (!loop.transportKind().supportsDomainSockets()) {
            throw new StardustException("ERR_NOT_SUPPORTED", "Unix domain sockets need the epoll or kqueue transport, "
                    + "this loop runs on " + loop.transport());
        }
        LoopPromise<Server> promise = begin(onListening);
        bind(new DomainSocketAddress(path.toString()), true, DEFAULT_BACKLOG, path.toString(), promise);
        return promise;
    }

    private LoopPromise<Server> begin(@Nullable Runnable onListening) {
        loop.checkThread();
        if (started) {
            throw new StardustException("ERR_SERVER_ALREADY_LISTEN", "listen() was already called on this server");
        }
        started = true;
        if (onListening != null) {
            once("listening", onListening);
        }
        handle.open();
        return new LoopPromise<>(loop);
    }

    private void bind(SocketAddress where, boolean domain, int backlog, String description,
            LoopPromise<Server> promise) {
        ServerBootstrap bootstrap = new ServerBootstrap().group(loop.ioLoop())
                .channelFactory(() -> domain ? loop.transportKind().newServerDomainSocketChannel()
                        : loop.transportKind().newServerSocketChannel())
                .option(ChannelOption.SO_BACKLOG, backlog)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, RealSocket.WATER_MARK)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (closing) {
                            ch.close();
                            return;
                        }
                        new RealSocket(loop, ch, RealServer.this, layer);
                    }
                });
        if (!domain) {
            bootstrap.option(ChannelOption.SO_REUSEADDR, true);
        }
        bootstrap.bind(where).addListener(f -> loop.invoke(() -> {
            Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
            if (!f.isSuccess()) {
                ch.close();
                fail(Errno.from(f.cause(), "listen", description), promise);
                return;
            }
            channel = ch;
            listening = true;
            address = Addresses.info(ch.localAddress());
            ch.closeFuture().addListener(c -> loop.invoke(this::onChannelClosed));
            if (closing) {
                ch.close();
            }
            emit("listening");
            promise.resolve(this);
        }));
    }

    private void fail(Throwable error, LoopPromise<Server> promise) {
        handle.close();
        channelClosed = true;
        promise.markHandled().reject(error);
        emit("error", error);
        maybeFinishClose();
    }

    // ---- connections -----------------------------------------------------------------------------------------

    void accepted(RealSocket socket) {
        connections.add(socket);
        socket.on("close", () -> {
            connections.remove(socket);
            maybeFinishClose();
        });
        emit(connectionEvent, socket);
    }

    /** A socket's layer failed to set up (a TLS handshake): node's {@code tlsClientError}, if anyone listens. */
    void layerFailed(Throwable error, RealSocket socket) {
        if (listenerCount(layerErrorEvent) > 0) {
            emit(layerErrorEvent, error);
        }
    }

    @Override
    public int connections() {
        return connections.size();
    }

    @Override
    public boolean listening() {
        return listening;
    }

    @Override
    public AddressInfo address() {
        AddressInfo a = address;
        if (a == null || !listening) {
            throw new StardustException("ERR_SERVER_NOT_RUNNING", "the server is not listening");
        }
        return a;
    }

    // ---- closing ---------------------------------------------------------------------------------------------

    @Override
    public Promise<Void> close() {
        loop.checkThread();
        LoopPromise<Void> p = closePromise;
        if (p != null) {
            return p;
        }
        p = new LoopPromise<>(loop);
        closePromise = p;
        if (!started) {
            p.reject(new StardustException("ERR_SERVER_NOT_RUNNING", "the server is not running"));
            return p;
        }
        closing = true;
        listening = false;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
        return p;
    }

    private void onChannelClosed() {
        channelClosed = true;
        listening = false;
        handle.close();
        maybeFinishClose();
    }

    private void maybeFinishClose() {
        LoopPromise<Void> p = closePromise;
        if (p != null && channelClosed && connections.isEmpty() && !p.isDone()) {
            emit("close");
            p.resolve(null);
        }
    }

    @Override
    public Server ref() {
        handle.ref();
        return this;
    }

    @Override
    public Server unref() {
        handle.unref();
        return this;
    }

    @Override
    public boolean hasRef() {
        return handle.hasRef();
    }

    @Override
    public String toString() {
        AddressInfo a = address;
        return "Server[" + (a == null ? "not listening" : a.address() + ":" + a.port()) + ", " + connections.size()
                + " connections]";
    }

    private final class ServerHandle extends LoopHandle {
        ServerHandle(RealLoop loop) {
            super(loop);
        }

        void open() {
            opened();
        }

        void close() {
            closed();
        }

        @Override
        protected void closeGracefully() {
            RealServer.this.close();
        }

        @Override
        protected void forceClose() {
            Channel ch = channel;
            if (ch != null) {
                ch.close();
            }
            closed();
            for (RealSocket s : new ArrayList<>(connections)) {
                s.destroy();
            }
        }

        @Override
        public String toString() {
            return RealServer.this.toString();
        }
    }
}
