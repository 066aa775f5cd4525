package dev.stardust.net.internal;

import dev.stardust.AddressInfo;
import dev.stardust.Buffer;
import dev.stardust.internal.Errno;
import dev.stardust.internal.RealLoop;
import dev.stardust.internal.ResourceHandle;
import dev.stardust.net.ConnectOptions;
import dev.stardust.net.Socket;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.Future;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The implementation of {@link Socket}: a channel with a {@link ChannelBridge} at the end of its pipeline, an
 * optional {@link ChannelLayer} (TLS) in front of it, and the loop handle that keeps the loop alive while it is open.
 * The parts: {@link Dialer} connects a client socket, {@link SocketInput} reads with demand (auto-read on only
 * while the readable side wants data), {@link SocketOutput} writes and half-closes, {@link IdleTimeout} emits
 * {@code timeout}; this class ties them to the stream, to the layer and to the channel's events. Loop thread only.
 */
public final class RealSocket extends Socket {
    /** Netty's write-buffer water marks, so that the channel turns unwritable at {@link #HIGH_WATER_MARK}. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(HIGH_WATER_MARK / 2, HIGH_WATER_MARK);

    private final RealLoop ev;
    private final ResourceHandle handle;
    private final @Nullable RealServer server;
    private final @Nullable ChannelLayer layer;
    private final String readyEvent;
    private final IdleTimeout idle;
    private final SocketInput input;
    private final SocketOutput output;
    private @Nullable Future<?> layerReady;
    private String peerHost = "";
    private int peerPort;
    private @Nullable Channel channel;
    private @Nullable Dialer dialer;
    private boolean connected;
    private AddressInfo local = new AddressInfo("", "", 0);
    private AddressInfo remote = new AddressInfo("", "", 0);

    /** A socket accepted by {@code server} on {@code channel}, with {@code layer} (TLS) when not null. */
    RealSocket(RealLoop loop, Channel channel, RealServer server, @Nullable ChannelLayer layer) {
        this(loop, server, layer, "connect");
        channel.pipeline().addLast(new FlushConsolidationHandler(256, true));
        attach(channel, false);
        handle.open();
    }

    /**
     * A socket taken over, already connected, from another protocol on {@code channel} (an HTTP upgrade): the
     * caller has removed its own handlers; reading starts at once and half-closure is turned on, as on any socket.
     */
    private RealSocket(RealLoop loop, Channel channel) {
        this(loop, null, null, "connect");
        channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        channel.config().setWriteBufferWaterMark(WATER_MARK);
        channel.pipeline().addLast(new FlushConsolidationHandler(256, true));
        attach(channel, false);
        handle.open();
        onConnected();
    }

    /** A socket that is about to connect. */
    public RealSocket(RealLoop loop) {
        this(loop, null, "connect");
    }

    /** A socket that is about to connect through {@code layer}, emitting {@code readyEvent} once it is set up. */
    public RealSocket(RealLoop loop, @Nullable ChannelLayer layer, String readyEvent) {
        this(loop, null, layer, readyEvent);
    }

    private RealSocket(RealLoop loop, @Nullable RealServer server, @Nullable ChannelLayer layer, String readyEvent) {
        this.ev = loop;
        this.server = server;
        this.layer = layer;
        this.readyEvent = readyEvent;
        this.handle = new ResourceHandle(loop, this, this::destroy);
        this.idle = new IdleTimeout(loop, this);
        this.input = new SocketInput(this, idle::touch);
        this.output = new SocketOutput(loop, this, layer, idle::touch);
        allowHalfOpen(false);
    }

    /**
     * A connected socket on {@code channel}, which another protocol accepted and has finished with (an HTTP
     * upgrade, as node hands the upgraded connection to {@code upgrade} as a {@code net.Socket}). The channel must be
     * active, registered with {@code loop}'s I/O loop, and hold no handler that turns bytes into other messages.
     */
    public static Socket adopt(RealLoop loop, Channel channel) {
        loop.checkThread();
        return new RealSocket(loop, channel);
    }

    /** The channel, for TLS session information; null before connecting. */
    public @Nullable Channel channel() {
        return channel;
    }

    // ---- connecting ----------------------------------------------------------------------------------------

    /** Starts connecting as {@code options} say once the caller's code has returned. */
    public void connect(ConnectOptions options) {
        handle.open();
        peerHost = options.host();
        peerPort = options.port();
        dialer = Dialer.dial(ev, this, options);
    }

    /** Starts connecting to the Unix domain socket at {@code path}. */
    public void connect(Path path) {
        Addresses.requireDomainSockets(ev);
        handle.open();
        dialer = Dialer.dial(ev, this, path);
    }

    /**
     * Puts the layer (if any) and the bridge on {@code ch}'s pipeline: an accepted channel's before it becomes
     * active, a client's once it has connected.
     */
    void attach(Channel ch, boolean client) {
        channel = ch;
        input.attach(ch);
        ChannelLayer l = layer;
        if (l != null) {
            layerReady = l.install(ch, client, peerHost, peerPort);
        }
        ch.pipeline().addLast(new ChannelBridge(ev, new Events()));
    }

    /** The client's connection is up: {@code connect} now, the ready event (TLS) once the layer is established. */
    void dialed() {
        dialer = null;
        Future<?> ready = layerReady;
        if (ready == null) {
            onConnected();
            emit("connect");
            return;
        }
        emit("connect");
        whenLayerReady(ready, () -> {
            onConnected();
            emit(readyEvent);
        });
    }

    private void whenLayerReady(Future<?> ready, Runnable then) {
        ChannelLayer l = layer;
        ready.addListener(f -> ev.invoke(() -> {
            if (destroyed()) {
                return;
            }
            if (f.isSuccess()) {
                then.run();
            } else if (l != null) {
                Throwable error = l.error(f.cause());
                RealServer s = server;
                if (s != null) {
                    // As node's tlsClientError: the server hears of it, the user never saw this socket.
                    s.layerFailed(error, this);
                    destroy();
                } else {
                    destroy(error);
                }
            }
        }));
    }

    private void onConnected() {
        Channel ch = channel;
        if (ch == null) {
            return;
        }
        connected = true;
        local = Addresses.info(ch.localAddress());
        remote = Addresses.info(ch.remoteAddress());
        idle.touch();
        output.connected(ch);
        input.connected();
        // As node, start reading at once (up to the high-water mark) so that the peer's end and errors are seen.
        read();
    }

    // ---- the stream hooks ------------------------------------------------------------------------------------

    @Override
    protected void doRead(int size) {
        input.request();
    }

    @Override
    protected void doWrite(Buffer chunk, Consumer<@Nullable Throwable> callback) {
        output.write(chunk, callback);
    }

    @Override
    protected void doFinal(Consumer<@Nullable Throwable> callback) {
        output.end(callback);
    }

    @Override
    protected void doDestroy(@Nullable Throwable error, Consumer<@Nullable Throwable> callback) {
        idle.clear();
        output.destroy();
        Dialer d = dialer;
        if (d != null) {
            dialer = null;
            d.abort();
        }
        Channel ch = channel;
        if (ch == null || !ch.isOpen()) {
            handle.close();
            callback.accept(error);
            return;
        }
        ch.close().addListener(f -> ev.invoke(() -> {
            handle.close();
            callback.accept(error);
        }));
    }

    // ---- options and information -------------------------------------------------------------------------------

    @Override
    public Socket setNoDelay(boolean noDelay) {
        return option(ChannelOption.TCP_NODELAY, noDelay);
    }

    @Override
    public Socket setKeepAlive(boolean enable) {
        return option(ChannelOption.SO_KEEPALIVE, enable);
    }

    private <T> Socket option(ChannelOption<T> option, T value) {
        Channel ch = channel;
        if (ch != null) {
            ch.config().setOption(option, value);
        }
        return this;
    }

    @Override
    public Socket setTimeout(long ms) {
        ev.checkThread();
        idle.set(ms);
        return this;
    }

    @Override
    public long timeout() {
        return idle.ms();
    }

    @Override
    public long bytesRead() {
        return input.bytesRead();
    }

    @Override
    public long bytesWritten() {
        return output.bytesWritten();
    }

    @Override
    public String remoteAddress() {
        return remote.address();
    }

    @Override
    public int remotePort() {
        return remote.port();
    }

    @Override
    public String remoteFamily() {
        return remote.family();
    }

    @Override
    public String localAddress() {
        return local.address();
    }

    @Override
    public int localPort() {
        return local.port();
    }

    @Override
    public AddressInfo address() {
        return local;
    }

    @Override
    public boolean connecting() {
        return !connected && !destroyed();
    }

    @Override
    public Socket ref() {
        handle.ref();
        return this;
    }

    @Override
    public Socket unref() {
        handle.unref();
        return this;
    }

    @Override
    public boolean hasRef() {
        return handle.hasRef();
    }

    @Override
    public String toString() {
        return "Socket[" + (connected ? local.address() + ":" + local.port() + " -> " + remote.address() + ":"
                + remote.port() : "unconnected") + (destroyed() ? ", destroyed" : "") + "]";
    }

    /** What the socket does with its channel's events: accept, read with demand, end, fail, close. */
    private final class Events implements ChannelBridge.Events {
        @Override
        public void onActive() {
            RealServer s = server;
            Future<?> ready = layerReady;
            if (s != null && !connected && ready != null) {
                whenLayerReady(ready, () -> {
                    onConnected();
                    s.accepted(RealSocket.this);
                });
            } else if (s != null && !connected) {
                onConnected();
                s.accepted(RealSocket.this);
            }
        }

        @Override
        public void onData(Buffer data) {
            input.received(data);
        }

        @Override
        public void onInputShutdown() {
            push(null);
        }

        @Override
        public void onError(Throwable error) {
            ChannelLayer l = layer;
            destroy(l != null ? l.error(error) : Errno.from(error, "read", ""));
        }

        @Override
        public void onInactive() {
            if (!destroyed()) {
                destroy();
            }
        }
    }
}
