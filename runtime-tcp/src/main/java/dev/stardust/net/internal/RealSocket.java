package dev.stardust.net.internal;

import dev.stardust.AddressInfo;
import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.Timer;
import dev.stardust.dns.Dns;
import dev.stardust.internal.Errno;
import dev.stardust.internal.LoopHandle;
import dev.stardust.internal.RealLoop;
import dev.stardust.net.Socket;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The implementation of {@link Socket}: a channel with a {@link ChannelBridge} at the end of its pipeline, an
 * optional {@link ChannelLayer} (TLS) in front of it, and the loop handle that keeps the loop alive while it is open.
 * Reading follows demand (auto-read on only while the readable side wants data). Loop thread only.
 */
public final class RealSocket extends Socket {
    /** Netty's write-buffer water marks, so that the channel turns unwritable at {@link #HIGH_WATER_MARK}. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(HIGH_WATER_MARK / 2, HIGH_WATER_MARK);

    private final RealLoop ev;
    private final SocketHandle handle;
    private final @Nullable RealServer server;
    private final @Nullable ChannelLayer layer;
    private final String readyEvent;
    private @Nullable Future<?> layerReady;
    private String peerHost = "";
    private int peerPort;
    private @Nullable Channel channel;
    private boolean connected;
    private boolean wantRead;
    private boolean finalPending;
    private @Nullable Consumer<@Nullable Throwable> pendingFinal;
    private @Nullable ArrayDeque<PendingWrite> pendingWrites;
    private long bytesRead;
    private long bytesWritten;
    private AddressInfo local = new AddressInfo("", "", 0);
    private AddressInfo remote = new AddressInfo("", "", 0);
    private long timeoutMs;
    private long lastActivity;
    private @Nullable Timer idleTimer;

    /** A socket accepted by {@code server} on {@code channel}, with {@code layer} (TLS) when not null. */
    RealSocket(RealLoop loop, Channel channel, RealServer server, @Nullable ChannelLayer layer) {
        this.ev = loop;
        this.server = server;
        this.layer = layer;
        this.readyEvent = "connect";
        this.handle = new SocketHandle(loop);
        this.channel = channel;
        allowHalfOpen(false);
        channel.pipeline().addLast(new FlushConsolidationHandler(256, true));
        if (layer != null) {
            layerReady = layer.install(channel, false, "", 0);
        }
        channel.pipeline().addLast(new ChannelBridge(loop, new Bridge()));
        handle.open();
    }

    /**
     * A socket taken over, already connected, from another protocol on {@code channel} (an HTTP upgrade): the
     * caller has removed its own handlers; reading starts at once and half-closure is turned on, as on any socket.
     */
    private RealSocket(RealLoop loop, Channel channel) {
        this.ev = loop;
        this.server = null;
        this.layer = null;
        this.readyEvent = "connect";
        this.handle = new SocketHandle(loop);
        this.channel = channel;
        allowHalfOpen(false);
        channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        channel.config().setWriteBufferWaterMark(WATER_MARK);
        channel.pipeline().addLast(new FlushConsolidationHandler(256, true), new ChannelBridge(loop, new Bridge()));
        handle.open();
        onConnected();
    }

    /** A socket that is about to connect. */
    public RealSocket(RealLoop loop) {
        this(loop, null, "connect");
    }

    /** A socket that is about to connect through {@code layer}, emitting {@code readyEvent} once it is set up. */
    public RealSocket(RealLoop loop, @Nullable ChannelLayer layer, String readyEvent) {
        this.ev = loop;
        this.server = null;
        this.layer = layer;
        this.readyEvent = readyEvent;
        this.handle = new SocketHandle(loop);
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

    /** Starts connecting to {@code port} on {@code host} once the caller's code has returned. */
    public void connect(String host, int port) {
        handle.open();
        peerHost = host;
        peerPort = port;
        // Like node, connect after the caller's code has returned, so listeners added after connect() hear everything.
        ev.nextTick(() -> {
            if (destroyed()) {
                return;
            }
            Dns.lookup(unbracket(host)).onComplete((found, error) -> {
                if (destroyed()) {
                    return;
                }
                if (error != null || found == null) {
                    destroy(error != null ? error : new StardustException("ENOTFOUND", "getaddrinfo ENOTFOUND " + host));
                    return;
                }
                InetAddress address = NetUtil.createInetAddressFromIpAddressString(found.address());
                open(ev.transportKind().newSocketChannel(), new InetSocketAddress(address, port),
                        found.address() + ":" + port);
            });
        });
    }

    /** {@code host} without the brackets of an IPv6 literal such as {@code [::1]}. */
    public static String unbracket(String host) {
        return host.length() > 1 && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
                : host;
    }

    /** Starts connecting to the Unix domain socket at {@code path}. */
    public void connect(Path path) {
        if (!ev.transportKind().supportsDomainSockets()) {
            throw new StardustException("ERR_NOT_SUPPORTED", "Unix domain sockets need the epoll or kqueue transport, "
                    + "this loop runs on " + ev.transport());
        }
        handle.open();
        ev.nextTick(() -> {
            if (!destroyed()) {
                open(ev.transportKind().newDomainSocketChannel(), new DomainSocketAddress(path.toString()),
                        path.toString());
            }
        });
    }

    private void open(Channel ch, SocketAddress address, String description) {
        Bootstrap bootstrap = new Bootstrap().group(ev.ioLoop()).channelFactory(() -> ch)
                .resolver(ev.addressResolvers())
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(new FlushConsolidationHandler(256, true));
        ChannelFuture future = bootstrap.connect(address);
        channel = future.channel();
        ChannelLayer l = layer;
        if (l != null) {
            layerReady = l.install(ch, true, peerHost, peerPort);
        }
        ch.pipeline().addLast(new ChannelBridge(ev, new Bridge()));
        future.addListener(f -> ev.invoke(() -> {
            if (destroyed()) {
                return;
            }
            if (!f.isSuccess()) {
                destroy(Errno.from(f.cause(), "connect", description));
                return;
            }
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
        }));
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
        touch();
        ArrayDeque<PendingWrite> queued = pendingWrites;
        pendingWrites = null;
        if (queued != null) {
            for (PendingWrite w : queued) {
                send(ch, w.chunk, w.callback);
            }
        }
        Consumer<@Nullable Throwable> fin = pendingFinal;
        pendingFinal = null;
        if (fin != null) {
            doFinal(fin);
        }
        if (wantRead) {
            ch.config().setAutoRead(true);
        }
        // As node, start reading at once (up to the high-water mark) so that the peer's end and errors are seen.
        read();
    }

    // ---- the stream hooks ------------------------------------------------------------------------------------

    @Override
    protected void doRead(int size) {
        Channel ch = channel;
        if (connected && ch != null) {
            ch.config().setAutoRead(true);
        } else {
            wantRead = true;
        }
    }

    @Override
    protected void doWrite(Buffer chunk, Consumer<@Nullable Throwable> callback) {
        Channel ch = channel;
        if (!connected || ch == null) {
            ArrayDeque<PendingWrite> queue = pendingWrites;
            if (queue == null) {
                queue = new ArrayDeque<>();
                pendingWrites = queue;
            }
            queue.add(new PendingWrite(chunk, callback));
            return;
        }
        send(ch, chunk, callback);
    }

    private void send(Channel ch, Buffer chunk, Consumer<@Nullable Throwable> callback) {
        int length = chunk.length();
        ch.writeAndFlush(Unpooled.wrappedBuffer(chunk.asByteBuffer())).addListener(f -> {
            if (f.isSuccess()) {
                bytesWritten += length;
                touch();
                callback.accept(null);
            } else {
                callback.accept(writeError(f.cause()));
            }
        });
    }

    private Throwable writeError(Throwable cause) {
        if (destroyed()) {
            return new StardustException("ERR_STREAM_DESTROYED", "the socket was destroyed before the write completed",
                    cause);
        }
        return Errno.from(cause, "write", "");
    }

    @Override
    protected void doFinal(Consumer<@Nullable Throwable> callback) {
        Channel ch = channel;
        if (!connected || ch == null) {
            pendingFinal = callback;
            return;
        }
        if (!(ch instanceof DuplexChannel duplex) || !ch.isActive()) {
            callback.accept(null);
            return;
        }
        ChannelLayer l = layer;
        if (l != null) {
            l.closeOutbound(ch).addListener(c -> duplex.shutdownOutput().addListener(f -> ev.invoke(() ->
                    callback.accept(f.isSuccess() ? null : Errno.from(f.cause(), "shutdown", "")))));
            return;
        }
        duplex.shutdownOutput().addListener(f -> ev.invoke(() ->
                callback.accept(f.isSuccess() ? null : Errno.from(f.cause(), "shutdown", ""))));
    }

    @Override
    protected void doDestroy(@Nullable Throwable error, Consumer<@Nullable Throwable> callback) {
        clearIdleTimer();
        StardustException destroyed = new StardustException("ERR_STREAM_DESTROYED", "the socket was destroyed");
        ArrayDeque<PendingWrite> queued = pendingWrites;
        pendingWrites = null;
        if (queued != null) {
            for (PendingWrite w : queued) {
                w.callback.accept(destroyed);
            }
        }
        Consumer<@Nullable Throwable> fin = pendingFinal;
        pendingFinal = null;
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
        Channel ch = channel;
        if (ch != null) {
            ch.config().setOption(ChannelOption.TCP_NODELAY, noDelay);
        }
        return this;
    }

    @Override
    public Socket setKeepAlive(boolean enable) {
        Channel ch = channel;
        if (ch != null) {
            ch.config().setOption(ChannelOption.SO_KEEPALIVE, enable);
        }
        return this;
    }

    @Override
    public Socket setTimeout(long ms) {
        ev.checkThread();
        clearIdleTimer();
        timeoutMs = Math.max(0, ms);
        if (timeoutMs > 0 && !destroyed()) {
            lastActivity = System.nanoTime();
            armIdleTimer(timeoutMs);
        }
        return this;
    }

    @Override
    public long timeout() {
        return timeoutMs;
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public long bytesWritten() {
        return bytesWritten;
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

    // ---- machinery -----------------------------------------------------------------------------------------

    private void touch() {
        if (timeoutMs > 0) {
            lastActivity = System.nanoTime();
            if (idleTimer == null) {
                armIdleTimer(timeoutMs);
            }
        }
    }

    private void armIdleTimer(long delayMs) {
        idleTimer = ev.setTimer(this::checkIdle, delayMs, false).unref();
    }

    private void checkIdle() {
        idleTimer = null;
        if (destroyed() || timeoutMs == 0) {
            return;
        }
        long idleMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActivity);
        if (idleMs >= timeoutMs) {
            // Re-armed by the next activity only, as node: one timeout event per idle period.
            emit("timeout");
        } else {
            armIdleTimer(timeoutMs - idleMs);
        }
    }

    private void clearIdleTimer() {
        Timer t = idleTimer;
        idleTimer = null;
        if (t != null) {
            t.close();
        }
    }

    private final class Bridge implements ChannelBridge.Events {
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
            bytesRead += data.length();
            touch();
            if (!push(data)) {
                Channel ch = channel;
                if (ch != null) {
                    ch.config().setAutoRead(false);
                }
            }
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

    private final class SocketHandle extends LoopHandle {
        SocketHandle(RealLoop loop) {
            super(loop);
        }

        void open() {
            opened();
        }

        void close() {
            closed();
        }

        @Override
        protected void forceClose() {
            destroy();
        }

        @Override
        public String toString() {
            return RealSocket.this.toString();
        }
    }

    private record PendingWrite(Buffer chunk, Consumer<@Nullable Throwable> callback) {
    }
}
