package dev.stardust.stream;

import dev.stardust.StardustException;
import dev.stardust.internal.RealLoop;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * node's {@code end-of-stream} ({@code eos}): tells once whether a stream's watched sides completed (the readable
 * side emitted {@code end}, the writable side {@code finish}), or why not: its {@code error}, or
 * {@code ERR_STREAM_PREMATURE_CLOSE} when it closed first. {@link Streams#finished}, {@link Streams#pipeline}, the
 * body collectors and the {@code Flow} bridge all decide completion here, so they agree on it.
 */
final class EndOfStream {
    private final Object stream;
    private final boolean readableSide;
    private final boolean writableSide;
    private final Consumer<@Nullable Throwable> callback;
    private boolean readableDone;
    private boolean writableDone;
    private boolean settled;

    private EndOfStream(Object stream, boolean readableSide, boolean writableSide,
            Consumer<@Nullable Throwable> callback) {
        this.stream = stream;
        this.readableSide = readableSide;
        this.writableSide = writableSide;
        this.callback = callback;
    }

    /** The error a stream that closed before it completed reports. */
    static StardustException prematureClose() {
        return new StardustException("ERR_STREAM_PREMATURE_CLOSE", "a stream closed early");
    }

    /** Watches every side {@code stream} has: both for a duplex. */
    static void watch(Object stream, Consumer<@Nullable Throwable> callback) {
        watch(stream, stream instanceof ReadableStream<?>, stream instanceof WritableStream<?>, callback);
    }

    /**
     * Calls {@code callback} once: with null when each asked side completed, else with the first error or the
     * premature close. A stream already destroyed reports on the next tick, after any error it has yet to emit.
     */
    static void watch(Object stream, boolean readableSide, boolean writableSide,
            Consumer<@Nullable Throwable> callback) {
        EndOfStream eos = new EndOfStream(stream, readableSide, writableSide, callback);
        eos.start();
    }

    private void start() {
        Consumer<Throwable> onError = this::settle;
        if (stream instanceof ReadableStream<?> r) {
            readableDone = !readableSide || r.readableEnded();
            writableDone = !writableSide || !(stream instanceof WritableStream<?> w) || w.writableFinished();
            r.on("error", onError);
            if (!readableDone) {
                r.onEnd(() -> sideDone(true));
            }
            if (!writableDone) {
                ((WritableStream<?>) stream).onFinish(() -> sideDone(false));
            }
            r.onClose(this::closed);
            checkDestroyed(r.destroyed());
        } else if (stream instanceof WritableStream<?> w) {
            readableDone = true;
            writableDone = !writableSide || w.writableFinished();
            w.on("error", onError);
            if (!writableDone) {
                w.onFinish(() -> sideDone(false));
            }
            w.onClose(this::closed);
            checkDestroyed(w.destroyed());
        } else {
            throw new IllegalArgumentException("not a stream: " + stream);
        }
    }

    private void checkDestroyed(boolean destroyed) {
        if (readableDone && writableDone) {
            RealLoop.current().nextTick(() -> settle(null));
        } else if (destroyed) {
            // Its close may have been emitted already; an error still to come is queued before this tick.
            RealLoop.current().nextTick(this::closed);
        }
    }

    private void sideDone(boolean readable) {
        if (readable) {
            readableDone = true;
        } else {
            writableDone = true;
        }
        if (readableDone && writableDone) {
            settle(null);
        }
    }

    private void closed() {
        if (!(readableDone && writableDone)) {
            settle(prematureClose());
        }
    }

    private void settle(@Nullable Throwable error) {
        if (!settled) {
            settled = true;
            callback.accept(error);
        }
    }
}
