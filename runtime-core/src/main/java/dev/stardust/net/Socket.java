package dev.stardust.net;

import dev.stardust.Buffer;
import dev.stardust.Handle;
import dev.stardust.StardustException;
import dev.stardust.Timer;
import dev.stardust.dns.Dns;
import dev.stardust.internal.EventLoopImpl;
import dev.stardust.internal.LoopHandle;
import dev.stardust.internal.SystemErrors;
import dev.stardust.net.internal.ChannelBridge;
import dev.stardust.net.internal.ChannelLayer;
import dev.stardust.stream.Duplex;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A TCP or Unix domain socket, node's {@code net.Socket}: a byte {@link Duplex} over one connection. Reading follows
 * demand: while the readable side is full or paused the socket stops reading from the kernel, so a slow consumer
 * bounds memory. {@code write()} returns false once 64 KiB wait to be handed to the kernel (Netty's write-buffer
 * high-water mark) and {@code drain} follows; nothing is ever dropped. Writes made while handling a read are flushed
 * once at the end of the read batch.
 *
 * <p>Events: {@code connect}, {@code data}, {@code end} (the peer shut down its side), {@code timeout},
 * {@code drain}, {@code finish}, {@code error} (codes such as {@code ECONNRESET}, {@code ECONNREFUSED},
 * {@code ENOTFOUND}) and {@code close}. Unless {@link #allowHalfOpen(boolean) allowHalfOpen} is set, the socket ends
 * its own side when the peer ends its side, as node's default. A socket keeps its loop alive until it closes, unless
 * {@link #unref() unref}'d. Loop thread only.
 */
public final class Socket extends Duplex<Buffer, Buffer> implements Handle {
    /** The write-buffer high-water mark: {@code write()} returns false past it, as Netty's default. */
    public static final int HIGH_WATER_MARK = 64 * 1024;
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(HIGH_WATER_MARK / 2, HIGH_WATER_MARK);

    private final EventLoopImpl ev;
    private final SocketHandle handle;
    private final @Nullable Server server;
    private final @Nullable ChannelLayer layer;
    private final String readyEvent;
    private io.netty.util.concurrent.@Nullable Future<?> layerReady;
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
    Socket(EventLoopImpl loop, Channel channel, Server server, @Nullable ChannelLayer layer) {
        super(HIGH_WATER_MARK, HIGH_WATER_MARK, true);
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
     * Reached from other modules through {@link dev.stardust.net.internal.Sockets#adopt}.
     */
    Socket(EventLoopImpl loop, Channel channel) {
        super(HIGH_WATER_MARK, HIGH_WATER_MARK, true);
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
    Socket(EventLoopImpl loop) {
        this(loop, null, "connect");
    }

    /** A socket that is about to connect through {@code layer}, emitting {@code readyEvent} once it is set up. */
    Socket(EventLoopImpl loop, @Nullable ChannelLayer layer, String readyEvent) {
        super(HIGH_WATER_MARK, HIGH_WATER_MARK, true);
        this.ev = loop;
        this.server = null;
        this.layer = layer;
        this.readyEvent = readyEvent;
        this.handle = new SocketHandle(loop);
        allowHalfOpen(false);
    }

    /** The channel, for the TLS module's session information; null before connecting. */
    @Nullable Channel channel() {
        return channel;
    }

    // ---- connecting ----------------------------------------------------------------------------------------

    void connect(String host, int port) {
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
    static String unbracket(String host) {
        return host.length() > 1 && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
                : host;
    }

    void connect(Path path) {
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
                destroy(SystemErrors.from(f.cause(), "connect", description));
                return;
            }
            io.netty.util.concurrent.Future<?> ready = layerReady;
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

    private void whenLayerReady(io.netty.util.concurrent.Future<?> ready, Runnable then) {
        ChannelLayer l = layer;
        ready.addListener(f -> ev.invoke(() -> {
            if (destroyed()) {
                return;
            }
            if (f.isSuccess()) {
                then.run();
            } else if (l != null) {
                Throwable error = l.error(f.cause());
                Server s = server;
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
        local = AddressInfo.of(ch.localAddress());
        remote = AddressInfo.of(ch.remoteAddress());
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
        return SystemErrors.from(cause, "write", "");
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
                    callback.accept(f.isSuccess() ? null : SystemErrors.from(f.cause(), "shutdown", "")))));
            return;
        }
        duplex.shutdownOutput().addListener(f -> ev.invoke(() ->
                callback.accept(f.isSuccess() ? null : SystemErrors.from(f.cause(), "shutdown", ""))));
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

    /** Disables or enables Nagle's algorithm (node's {@code setNoDelay}); Netty's default is no delay. */
    public Socket setNoDelay(boolean noDelay) {
        Channel ch = channel;
        if (ch != null) {
            ch.config().setOption(ChannelOption.TCP_NODELAY, noDelay);
        }
        return this;
    }

    /** Enables or disables TCP keep-alive probes (node's {@code setKeepAlive}). */
    public Socket setKeepAlive(boolean enable) {
        Channel ch = channel;
        if (ch != null) {
            ch.config().setOption(ChannelOption.SO_KEEPALIVE, enable);
        }
        return this;
    }

    /**
     * Emits {@code timeout} once the socket has been idle (nothing read or written) for {@code ms} milliseconds; 0
     * turns it off (node's {@code setTimeout}). The socket stays open: the listener decides, often with
     * {@code destroy()}. The countdown restarts on the next activity.
     */
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

    /** The idle timeout in milliseconds, 0 when off (node's {@code timeout}). */
    public long timeout() {
        return timeoutMs;
    }

    /** Bytes read from the peer so far (node's {@code bytesRead}). */
    public long bytesRead() {
        return bytesRead;
    }

    /** Bytes handed to the kernel so far (node's {@code bytesWritten}, without the still-buffered ones). */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** The peer's IP address or socket path, empty before connecting (node's {@code remoteAddress}). */
    public String remoteAddress() {
        return remote.address();
    }

    /** The peer's port, 0 before connecting (node's {@code remotePort}). */
    public int remotePort() {
        return remote.port();
    }

    /** {@code "IPv4"}, {@code "IPv6"} or {@code "unix"}, empty before connecting (node's {@code remoteFamily}). */
    public String remoteFamily() {
        return remote.family();
    }

    /** This end's IP address, empty before connecting (node's {@code localAddress}). */
    public String localAddress() {
        return local.address();
    }

    /** This end's port, 0 before connecting (node's {@code localPort}). */
    public int localPort() {
        return local.port();
    }

    /** This end's address, family and port (node's {@code socket.address()}). */
    public AddressInfo address() {
        return local;
    }

    /** Whether the connection is still being set up (node's {@code connecting}). */
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
            Server s = server;
            io.netty.util.concurrent.Future<?> ready = layerReady;
            if (s != null && !connected && ready != null) {
                whenLayerReady(ready, () -> {
                    onConnected();
                    s.accepted(Socket.this);
                });
            } else if (s != null && !connected) {
                onConnected();
                s.accepted(Socket.this);
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
            destroy(l != null ? l.error(error) : SystemErrors.from(error, "read", ""));
        }

        @Override
        public void onInactive() {
            if (!destroyed()) {
                destroy();
            }
        }
    }

    private final class SocketHandle extends LoopHandle {
        SocketHandle(EventLoopImpl loop) {
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
            return Socket.this.toString();
        }
    }

    private record PendingWrite(Buffer chunk, Consumer<@Nullable Throwable> callback) {
    }
}
