package dev.stardust.net.internal;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.internal.Errno;
import dev.stardust.internal.RealLoop;
import dev.stardust.net.Socket;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NotYetConnectedException;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The writable side of a socket on its channel (node's {@code _write} and {@code _final}). Writes and the end made
 * before the connection is up wait, in order, until {@link #connected}; then each write goes to the channel with a
 * flush, which the {@code FlushConsolidationHandler} in front of it batches within one read. The end shuts down the
 * channel's output (half-close), after the layer's own end (TLS close_notify). Loop thread only.
 */
final class SocketOutput {
    private final RealLoop loop;
    private final Socket socket;
    private final @Nullable ChannelLayer layer;
    private final Runnable onActivity;
    private @Nullable Channel channel;
    private @Nullable ArrayDeque<PendingWrite> pendingWrites;
    private @Nullable Consumer<@Nullable Throwable> pendingEnd;
    private long bytesWritten;

    /** The output of {@code socket}, through {@code layer} when not null; {@code onActivity} hears each write done. */
    SocketOutput(RealLoop loop, Socket socket, @Nullable ChannelLayer layer, Runnable onActivity) {
        this.loop = loop;
        this.socket = socket;
        this.layer = layer;
        this.onActivity = onActivity;
    }

    /** Bytes handed to the kernel so far. */
    long bytesWritten() {
        return bytesWritten;
    }

    /** Writes {@code chunk}, or queues it until connected; {@code callback} hears when the channel has taken it. */
    void write(Buffer chunk, Consumer<@Nullable Throwable> callback) {
        Channel ch = channel;
        if (ch == null) {
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

    /** Shuts the output down once the writes before it are done, or once connected. */
    void end(Consumer<@Nullable Throwable> callback) {
        Channel ch = channel;
        if (ch == null) {
            pendingEnd = callback;
            return;
        }
        if (!(ch instanceof DuplexChannel duplex) || !ch.isActive()) {
            callback.accept(null);
            return;
        }
        ChannelLayer l = layer;
        if (l != null) {
            l.closeOutbound(ch).addListener(c -> shutdownOutput(duplex, callback));
            return;
        }
        shutdownOutput(duplex, callback);
    }

    /** The connection is up on {@code ch}: what waited goes out, the writes first and then the end. */
    void connected(Channel ch) {
        channel = ch;
        ArrayDeque<PendingWrite> queued = pendingWrites;
        pendingWrites = null;
        if (queued != null) {
            for (PendingWrite w : queued) {
                send(ch, w.chunk, w.callback);
            }
        }
        Consumer<@Nullable Throwable> fin = pendingEnd;
        pendingEnd = null;
        if (fin != null) {
            end(fin);
        }
    }

    /** The socket is being destroyed: each write still waiting fails once, the waiting end is dropped. */
    void destroy() {
        StardustException destroyed = new StardustException("ERR_STREAM_DESTROYED", "the socket was destroyed");
        ArrayDeque<PendingWrite> queued = pendingWrites;
        pendingWrites = null;
        if (queued != null) {
            for (PendingWrite w : queued) {
                w.callback.accept(destroyed);
            }
        }
        pendingEnd = null;
    }

    private void send(Channel ch, Buffer chunk, Consumer<@Nullable Throwable> callback) {
        int length = chunk.length();
        ch.writeAndFlush(Unpooled.wrappedBuffer(chunk.asByteBuffer())).addListener(f -> {
            if (f.isSuccess()) {
                bytesWritten += length;
                onActivity.run();
                callback.accept(null);
            } else {
                callback.accept(writeError(f.cause()));
            }
        });
    }

    private Throwable writeError(Throwable cause) {
        if (socket.destroyed()) {
            return new StardustException("ERR_STREAM_DESTROYED", "the socket was destroyed before the write completed",
                    cause);
        }
        return Errno.from(cause, "write", "");
    }

    private void shutdownOutput(DuplexChannel duplex, Consumer<@Nullable Throwable> callback) {
        // A connection the peer already tore down (ENOTCONN: it sent its FIN, then reset or vanished while our end
        // went out) has nothing left to shut down: as node's afterShutdown, that is no error of the stream's.
        duplex.shutdownOutput().addListener(f -> loop.invoke(() -> callback.accept(f.isSuccess()
                || f.cause() instanceof NotYetConnectedException || f.cause() instanceof ClosedChannelException
                ? null : Errno.from(f.cause(), "shutdown", ""))));
    }

    private record PendingWrite(Buffer chunk, Consumer<@Nullable Throwable> callback) {
    }
}
