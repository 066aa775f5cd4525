package dev.stardust.stream;

import dev.stardust.EventEmitter;
import dev.stardust.StardustException;
import dev.stardust.internal.RealLoop;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The writable half of node's stream state machine, shared by {@link Writable} and {@link Duplex}: buffering,
 * the high-water mark, {@code drain}, corking, ending, {@code finish}, and failing pending writes on destroy.
 * Events are emitted on the owning stream.
 */
final class WritableState<T> {
    interface Sink<T> {
        void doWrite(T chunk, Consumer<@Nullable Throwable> callback);

        void doFinal(Consumer<@Nullable Throwable> callback);

        /** Destroys the whole stream (both sides of a duplex) with {@code error}. */
        void destroyStream(@Nullable Throwable error);

        /** Called after {@code finish}: a plain writable destroys itself, a duplex waits for its readable end. */
        void onFinished();
    }

    private static final Consumer<@Nullable Throwable> NO_CALLBACK = e -> { };

    private final RealLoop loop;
    private final EventEmitter owner;
    private final Sink<T> sink;
    private final int highWaterMark;
    private final boolean concurrent;
    private final ArrayDeque<PendingWrite<T>> buffered = new ArrayDeque<>(4); // most writes go straight through
    private long length;
    private int inFlight;
    private int corked;
    private boolean needDrain;
    private boolean drainScheduled;
    private boolean ending;
    private boolean finalCalled;
    private boolean finished;
    private boolean destroyed;

    WritableState(RealLoop loop, EventEmitter owner, Sink<T> sink, int highWaterMark, boolean concurrent) {
        this.loop = loop;
        this.owner = owner;
        this.sink = sink;
        this.highWaterMark = highWaterMark;
        this.concurrent = concurrent;
    }

    boolean write(T chunk, @Nullable Consumer<@Nullable Throwable> callback) {
        loop.checkThread();
        Consumer<@Nullable Throwable> cb = callback == null ? NO_CALLBACK : callback;
        if (ending) {
            StardustException e = new StardustException("ERR_STREAM_WRITE_AFTER_END", "write after end");
            loop.nextTick(() -> cb.accept(e));
            sink.destroyStream(e);
            return false;
        }
        if (destroyed) {
            StardustException e = new StardustException("ERR_STREAM_DESTROYED", "write after the stream was destroyed");
            loop.nextTick(() -> cb.accept(e));
            return false;
        }
        long size = ChunkSize.of(chunk);
        length += size;
        boolean ok = length < highWaterMark;
        if (!ok) {
            needDrain = true;
        }
        if (corked > 0 || (!concurrent && inFlight > 0) || !buffered.isEmpty()) {
            buffered.add(new PendingWrite<>(chunk, size, cb));
        } else {
            start(chunk, size, cb);
        }
        return ok;
    }

    private boolean startingBuffered;

    private void start(T chunk, long size, Consumer<@Nullable Throwable> cb) {
        inFlight++;
        boolean[] called = new boolean[1];
        try {
            sink.doWrite(chunk, error -> {
                if (called[0]) {
                    return;
                }
                called[0] = true;
                onWritten(size, cb, error);
            });
        } catch (RuntimeException e) {
            if (!called[0]) {
                called[0] = true;
                onWritten(size, cb, e);
            }
        }
    }

    private void onWritten(long size, Consumer<@Nullable Throwable> cb, @Nullable Throwable error) {
        inFlight--;
        length -= size;
        if (error != null) {
            loop.nextTick(() -> cb.accept(error));
            sink.destroyStream(error);
            return;
        }
        // The user's callback runs after the write call has returned, never inside it (node defers it too).
        loop.nextTick(() -> cb.accept(null));
        if (destroyed) {
            return;
        }
        startBuffered();
        if (needDrain && length < highWaterMark && !drainScheduled) {
            drainScheduled = true;
            loop.nextTick(this::emitDrain);
        }
        maybeFinish();
    }

    private void emitDrain() {
        drainScheduled = false;
        if (needDrain && !destroyed && length < highWaterMark) {
            needDrain = false;
            owner.emit("drain");
        }
    }

    private void startBuffered() {
        // A sink that completes synchronously re-enters here from onWritten; the outer loop takes the next write,
        // so thousands of buffered writes do not become thousands of nested frames.
        if (startingBuffered) {
            return;
        }
        startingBuffered = true;
        try {
            while (corked == 0 && !buffered.isEmpty() && (concurrent || inFlight == 0) && !destroyed) {
                PendingWrite<T> next = buffered.poll();
                start(next.chunk, next.size, next.callback);
            }
        } finally {
            startingBuffered = false;
        }
    }

    void cork() {
        loop.checkThread();
        corked++;
    }

    void uncork() {
        loop.checkThread();
        if (corked > 0 && --corked == 0) {
            startBuffered();
            maybeFinish();
        }
    }

    void end(@Nullable T chunk) {
        loop.checkThread();
        if (chunk != null) {
            write(chunk, null);
        }
        if (ending || destroyed) {
            return;
        }
        ending = true;
        corked = 0;
        startBuffered();
        maybeFinish();
    }

    private void maybeFinish() {
        if (!ending || finalCalled || destroyed || inFlight > 0 || !buffered.isEmpty()) {
            return;
        }
        finalCalled = true;
        try {
            sink.doFinal(error -> {
                if (error != null) {
                    sink.destroyStream(error);
                    return;
                }
                loop.nextTick(() -> {
                    if (!destroyed && !finished) {
                        finished = true;
                        owner.emit("finish");
                        sink.onFinished();
                    }
                });
            });
        } catch (RuntimeException e) {
            sink.destroyStream(e);
        }
    }

    /** Fails every write that was not handed to the sink yet, each callback once. */
    void destroy() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        if (buffered.isEmpty()) {
            // The common case (destroy after finish): no exception, whose stack trace costs more than the write.
            return;
        }
        StardustException e = new StardustException("ERR_STREAM_DESTROYED", "the stream was destroyed");
        PendingWrite<T> pending;
        while ((pending = buffered.poll()) != null) {
            Consumer<@Nullable Throwable> cb = pending.callback;
            loop.nextTick(() -> cb.accept(e));
        }
    }

    boolean ending() {
        return ending;
    }

    boolean finished() {
        return finished;
    }

    boolean needDrain() {
        return needDrain;
    }

    long length() {
        return length;
    }

    int highWaterMark() {
        return highWaterMark;
    }

    private record PendingWrite<T>(T chunk, long size, Consumer<@Nullable Throwable> callback) {
    }
}
