package dev.stardust.net.internal;

import dev.stardust.AddressInfo;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.internal.LoopHandle;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.RealLoop;
import dev.stardust.net.ListenOptions;
import dev.stardust.net.Server;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
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
    private final Listener listener;
    private final Set<RealSocket> connections = new LinkedHashSet<>();
    private @Nullable Channel channel;
    private @Nullable AddressInfo address;
    private boolean listening;
    private int maxConnections;
    /** Sockets accepted and not yet closed, handshakes in progress included: node's {@code _connections}. */
    private int admitted;
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
        this.listener = new Listener(loop);
        this.layer = layer;
        this.connectionEvent = connectionEvent;
        this.layerErrorEvent = layerErrorEvent;
    }

    // ---- listening -------------------------------------------------------------------------------------------

    @Override
    public Promise<Server> listen(int port) {
        return listen(port, "", DEFAULT_BACKLOG);
    }

    @Override
    public Promise<Server> listen(int port, String host) {
        return listen(port, host, DEFAULT_BACKLOG);
    }

    @Override
    public Promise<Server> listen(int port, String host, int backlog) {
        return listen(ListenOptions.defaults().withPort(port).withHost(host).withBacklog(backlog));
    }

    @Override
    public Promise<Server> listen(ListenOptions options) {
        return listening(listener.listen(options.port(), options.host(), options.backlog(), options.reusePort(),
                this::configureChildren));
    }

    @Override
    public Promise<Server> listen(Path path) {
        return listening(listener.listen(path, DEFAULT_BACKLOG, this::configureChildren));
    }

    private void configureChildren(ServerBootstrap bootstrap) {
        bootstrap.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, RealSocket.WATER_MARK)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (closing) {
                            ch.close();
                            return;
                        }
                        int max = maxConnections;
                        if (max > 0 && admitted >= max) {
                            ch.close();
                            AddressInfo peer = Addresses.info(ch.remoteAddress());
                            loop.invoke(() -> emit("drop", peer));
                            return;
                        }
                        admitted++;
                        new RealSocket(loop, ch, RealServer.this, layer).onClose(() -> admitted--);
                    }
                });
    }

    private Promise<Server> listening(LoopPromise<Channel> bound) {
        handle.open();
        LoopPromise<Server> promise = new LoopPromise<>(loop);
        bound.onComplete((ch, error) -> {
            if (error != null || ch == null) {
                handle.close();
                channelClosed = true;
                promise.reject(error != null ? error : new IllegalStateException("no channel"));
                maybeFinishClose();
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
        });
        return promise;
    }

    // ---- connections -----------------------------------------------------------------------------------------

    void accepted(RealSocket socket) {
        connections.add(socket);
        socket.onClose(() -> {
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
    public int maxConnections() {
        return maxConnections;
    }

    @Override
    public Server maxConnections(int max) {
        loop.checkThread();
        if (max < 0) {
            throw new StardustException("ERR_OUT_OF_RANGE", "maxConnections must not be negative, got " + max);
        }
        maxConnections = max;
        return this;
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
        if (!listener.started()) {
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
