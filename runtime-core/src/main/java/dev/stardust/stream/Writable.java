package dev.stardust.stream;

import dev.stardust.EventEmitter;
import dev.stardust.internal.RealLoop;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * node's {@code stream.Writable}. A sink implements {@link #doWrite} (node's {@code _write}) and calls its callback
 * once the chunk is written; the base class buffers what arrives meanwhile, tells writers to wait with
 * {@code write() == false} past the high-water mark, emits {@code drain}, and {@code finish} after {@link #end()}.
 *
 * @param <T> the chunk type: {@link dev.stardust.Buffer} for bytes, anything else in object mode
 */
public abstract class Writable<T> extends EventEmitter implements WritableStream<T> {
    /** node's default high-water mark: 16 KiB of bytes, or 16 objects. */
    public static final int DEFAULT_HIGH_WATER_MARK = 16 * 1024;

    private final RealLoop loop = RealLoop.current();
    private final WritableState<T> state;
    private boolean destroyed;
    private boolean closeEmitted;

    /** A writable with node's default high-water mark, one write at a time. */
    protected Writable() {
        this(DEFAULT_HIGH_WATER_MARK, false);
    }

    /**
     * A writable with the given high-water mark. With {@code concurrentWrites}, {@link #doWrite} is called for each
     * chunk at once, without waiting for the previous callback (a socket hands chunks straight to the kernel queue).
     */
    protected Writable(int highWaterMark, boolean concurrentWrites) {
        this(highWaterMark, concurrentWrites, true);
    }

    /**
     * As {@link #Writable(int, boolean)}; without {@code autoDestroy} the stream stays open after {@code finish}
     * until {@link #destroy()} (node's {@code autoDestroy: false}), as a request does until its response is over.
     */
    protected Writable(int highWaterMark, boolean concurrentWrites, boolean autoDestroy) {
        this.state = new WritableState<>(loop, this, new WritableState.Sink<T>() {
            @Override
            public void doWrite(T chunk, Consumer<@Nullable Throwable> callback) {
                Writable.this.doWrite(chunk, callback);
            }

            @Override
            public void doFinal(Consumer<@Nullable Throwable> callback) {
                Writable.this.doFinal(callback);
            }

            @Override
            public void destroyStream(@Nullable Throwable error) {
                destroyWith(error);
            }

            @Override
            public void onFinished() {
                if (autoDestroy) {
                    destroyWith(null);
                }
            }
        }, highWaterMark, concurrentWrites);
    }

    /** A writable that calls {@code consumer} with every chunk, for simple sinks and tests. */
    public static <T> Writable<T> of(Consumer<? super T> consumer) {
        return new Writable<>() {
            @Override
            protected void doWrite(T chunk, Consumer<@Nullable Throwable> callback) {
                consumer.accept(chunk);
                callback.accept(null);
            }
        };
    }

    /** Writes one chunk (node's {@code _write}); call {@code callback} once, with null or the error. */
    protected abstract void doWrite(T chunk, Consumer<@Nullable Throwable> callback);

    /** Called after the last write completed, before {@code finish} (node's {@code _final}). */
    protected void doFinal(Consumer<@Nullable Throwable> callback) {
        callback.accept(null);
    }

    /** Releases the sink's resources (node's {@code _destroy}); call {@code callback} once. */
    protected void doDestroy(@Nullable Throwable error, Consumer<@Nullable Throwable> callback) {
        callback.accept(error);
    }

    @Override
    public boolean write(T chunk) {
        return state.write(chunk, null);
    }

    @Override
    public boolean write(T chunk, Consumer<@Nullable Throwable> callback) {
        return state.write(chunk, callback);
    }

    @Override
    public Writable<T> end() {
        state.end(null);
        return this;
    }

    @Override
    public Writable<T> end(T chunk) {
        state.end(chunk);
        return this;
    }

    @Override
    public void cork() {
        state.cork();
    }

    @Override
    public void uncork() {
        state.uncork();
    }

    @Override
    public void destroy(Throwable error) {
        destroyWith(error);
    }

    @Override
    public void destroy() {
        destroyWith(null);
    }

    @Override
    public boolean destroyed() {
        return destroyed;
    }

    @Override
    public boolean writableEnded() {
        return state.ending();
    }

    @Override
    public boolean writableFinished() {
        return state.finished();
    }

    @Override
    public boolean writableNeedDrain() {
        return state.needDrain();
    }

    /** Bytes (or objects) written but not yet handed on (node's {@code writableLength}). */
    public long writableLength() {
        return state.length();
    }

    /** The high-water mark (node's {@code writableHighWaterMark}). */
    public int writableHighWaterMark() {
        return state.highWaterMark();
    }

    @Override
    public Writable<T> onDrain(Runnable listener) {
        onNoValue("drain", listener, false);
        return this;
    }

    @Override
    public Writable<T> onFinish(Runnable listener) {
        onNoValue("finish", listener, false);
        return this;
    }

    @Override
    public Writable<T> onError(Consumer<? super Throwable> listener) {
        on("error", listener);
        return this;
    }

    @Override
    public Writable<T> onClose(Runnable listener) {
        onNoValue("close", listener, false);
        return this;
    }

    private void destroyWith(@Nullable Throwable error) {
        loop.checkThread();
        if (destroyed) {
            return;
        }
        destroyed = true;
        state.destroy();
        Consumer<@Nullable Throwable> after = e -> loop.nextTick(() -> {
            if (e != null) {
                emit("error", e);
            }
            if (!closeEmitted) {
                closeEmitted = true;
                emit("close");
            }
        });
        try {
            doDestroy(error, after);
        } catch (RuntimeException e) {
            after.accept(e);
        }
    }
}
