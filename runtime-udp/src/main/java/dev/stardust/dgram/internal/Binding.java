package dev.stardust.dgram.internal;

import dev.stardust.EventEmitter;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.dgram.DgramSocketOptions;
import dev.stardust.dns.internal.SystemLookup;
import dev.stardust.internal.Errno;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.RealLoop;
import dev.stardust.internal.ResourceHandle;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A datagram socket's channel through its life: unbound, binding, bound, closed, never back. Binding looks the
 * address up, opens a channel of the loop's transport and binds it, emitting {@code listening}; what waits for the
 * bind (a first send or connect binds implicitly, as in node) runs once it is done, failed or not. Closing emits
 * {@code close} once, after the channel has closed. Events are emitted on the socket. Loop thread only.
 */
final class Binding {
    private enum State { UNBOUND, BINDING, BOUND, CLOSED }

    private final RealLoop loop;
    private final boolean ipv6;
    private final DgramSocketOptions options;
    private final EventEmitter socket;
    private final ChannelHandler handler;
    private final ResourceHandle handle;
    private final Runnable onClosed;
    private final List<Runnable> afterBind = new ArrayList<>(2);
    private @Nullable DatagramChannel channel;
    private State state = State.UNBOUND;
    private @Nullable LoopPromise<Void> closing;
    private boolean closeEmitted;

    /**
     * The binding of {@code socket}, whose channel gets {@code handler}; {@code handle} is opened by the bind and
     * released on close, and {@code onClosed} runs just before {@code close} is emitted.
     */
    Binding(RealLoop loop, DgramSocketOptions options, EventEmitter socket, ChannelHandler handler,
            ResourceHandle handle, Runnable onClosed) {
        this.loop = loop;
        this.options = options;
        this.ipv6 = options.type().equals("udp6");
        this.socket = socket;
        this.handler = handler;
        this.handle = handle;
        this.onClosed = onClosed;
    }

    /** Whether the socket is bound, with a channel. */
    boolean isBound() {
        return state == State.BOUND && channel != null;
    }

    /** Whether the socket was closed (or failed to bind). */
    boolean isClosed() {
        return state == State.CLOSED;
    }

    /** The channel, bound or not (still there while it closes), or null before the bind has opened one. */
    @Nullable DatagramChannel channelOrNull() {
        return channel;
    }

    /** The bound channel, or null when not bound. */
    @Nullable DatagramChannel channelIfBound() {
        return isBound() ? channel : null;
    }

    /** The bound channel; throws node's {@code ERR_SOCKET_DGRAM_NOT_RUNNING} when not bound. */
    DatagramChannel channel() {
        loop.checkThread();
        DatagramChannel ch = channelIfBound();
        if (ch == null) {
            throw DgramErrors.notRunning();
        }
        return ch;
    }

    /**
     * Binds; an explicit {@code bind} reports a failure through its promise only, the implicit bind of a first
     * {@code send} (whose promise nobody sees) as an {@code error} event.
     */
    Promise<Void> bind(int port, @Nullable String address, boolean explicit) {
        loop.checkThread();
        DgramErrors.checkPort(port, true);
        if (state == State.CLOSED) {
            throw DgramErrors.notRunning();
        }
        if (state != State.UNBOUND) {
            throw new StardustException("ERR_SOCKET_ALREADY_BOUND", "socket is already bound");
        }
        state = State.BINDING;
        handle.open();
        LoopPromise<Void> bound = new LoopPromise<>(loop);
        String host = address != null ? address : ipv6 ? "::" : "0.0.0.0";
        SystemLookup.resolve(loop, host, ipv6 ? 0 : 4).onComplete((ip, lookupError) -> {
            if (state != State.BINDING) {
                bound.markHandled().reject(DgramErrors.notRunning());
                runAfterBind();
                return;
            }
            if (lookupError != null || ip == null) {
                bindFailed(bound, lookupError != null ? lookupError : DgramErrors.notRunning(), host, port, explicit);
                return;
            }
            DatagramChannel ch = loop.transportKind().newDatagramChannel(ipv6);
            ch.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(RealDgramSocket.MAX_DATAGRAM));
            stayActiveAfterDisconnect(ch);
            channel = ch;
            ch.closeFuture().addListener(f -> finishClose());
            try {
                SocketOptions.reuse(ch, options.reuseAddr(), options.reusePort());
            } catch (StardustException e) {
                bindFailed(bound, e, host, port, explicit);
                return;
            }
            new Bootstrap().group(loop.ioLoop())
                    .channelFactory(() -> ch)
                    .handler(handler)
                    .bind(new InetSocketAddress(ip, port))
                    .addListener((ChannelFuture f) -> {
                        if (state != State.BINDING) {
                            bound.markHandled().reject(DgramErrors.notRunning());
                        } else if (!f.isSuccess()) {
                            bindFailed(bound, f.cause(), host, port, explicit);
                        } else {
                            state = State.BOUND;
                            socket.emit("listening");
                            bound.resolve(null);
                        }
                        runAfterBind();
                    });
        });
        return bound;
    }

    /** Runs {@code action} once bound, binding to a random port first as node does for an unbound socket. */
    void whenBound(Runnable action) {
        if (state == State.UNBOUND) {
            bind(0, null, false);
        }
        if (state == State.BINDING) {
            afterBind.add(action);
        } else {
            action.run();
        }
    }

    /** Closes the channel (or, without one, finishes on the next tick); the promise resolves after {@code close}. */
    Promise<Void> close() {
        loop.checkThread();
        LoopPromise<Void> done = closing;
        if (done != null) {
            return done;
        }
        done = new LoopPromise<>(loop);
        closing = done;
        state = State.CLOSED;
        closeChannel();
        return done;
    }

    private void bindFailed(LoopPromise<Void> bound, Throwable cause, String host, int port, boolean explicit) {
        StardustException error = Errno.from(cause, "bind", host + ":" + port);
        state = State.CLOSED;
        if (explicit) {
            bound.reject(error);
        } else {
            bound.markHandled().reject(error);
            socket.emit("error", error);
        }
        closeChannel();
        runAfterBind();
    }

    private void runAfterBind() {
        List<Runnable> pending = new ArrayList<>(afterBind);
        afterBind.clear();
        for (Runnable r : pending) {
            r.run();
        }
    }

    private void closeChannel() {
        DatagramChannel ch = channel;
        if (ch != null) {
            ch.close();
        } else {
            loop.nextTick(this::finishClose);
        }
    }

    /** Runs once, when the channel has closed or, for a socket that never had one, on the tick after close. */
    private void finishClose() {
        state = State.CLOSED;
        if (closeEmitted) {
            return;
        }
        closeEmitted = true;
        onClosed.run();
        handle.close();
        socket.emit("close");
        LoopPromise<Void> done = closing;
        if (done != null) {
            done.resolve(null);
        }
    }

    /**
     * Netty's epoll channel turns inactive on {@code disconnect()} and then fails every write; node's socket goes
     * on sending to explicit addresses. This (deprecated, still honoured) option keeps the channel active.
     */
    @SuppressWarnings("deprecation")
    private static void stayActiveAfterDisconnect(DatagramChannel ch) {
        ch.config().setOption(ChannelOption.DATAGRAM_CHANNEL_ACTIVE_ON_REGISTRATION, true);
    }
}
