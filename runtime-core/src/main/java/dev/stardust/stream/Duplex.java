package dev.stardust.stream;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * node's {@code stream.Duplex}: a {@link Readable} that is also writable, such as a socket. Implementations write
 * {@link #doRead} for the readable side and {@link #doWrite} (plus optionally {@link #doFinal}) for the writable
 * side. The two sides end independently; the stream closes once both are done, or when destroyed.
 *
 * @param <R> the chunk type read from it
 * @param <W> the chunk type written to it
 */
public abstract class Duplex<R, W> extends Readable<R> implements WritableStream<W> {
    private final WritableState<W> writable;
    private boolean allowHalfOpen = true;

    /** A duplex with node's default high-water marks, one write at a time. */
    protected Duplex() {
        this(DEFAULT_HIGH_WATER_MARK, Writable.DEFAULT_HIGH_WATER_MARK, false);
    }

    /** A duplex with the given high-water marks; see {@link Writable#Writable(int, boolean)} for the last. */
    protected Duplex(int readableHighWaterMark, int writableHighWaterMark, boolean concurrentWrites) {
        super(readableHighWaterMark);
        this.writable = new WritableState<>(loop, this, new WritableState.Sink<W>() {
            @Override
            public void doWrite(W chunk, Consumer<@Nullable Throwable> callback) {
                Duplex.this.doWrite(chunk, callback);
            }

            @Override
            public void doFinal(Consumer<@Nullable Throwable> callback) {
                Duplex.this.doFinal(callback);
            }

            @Override
            public void destroyStream(@Nullable Throwable error) {
                if (error == null) {
                    destroy();
                } else {
                    destroy(error);
                }
            }

            @Override
            public void onFinished() {
                if (readableEnded()) {
                    destroy();
                }
            }
        }, writableHighWaterMark, concurrentWrites);
    }

    /** Writes one chunk (node's {@code _write}); call {@code callback} once, with null or the error. */
    protected abstract void doWrite(W chunk, Consumer<@Nullable Throwable> callback);

    /** Called after the last write completed, before {@code finish} (node's {@code _final}). */
    protected void doFinal(Consumer<@Nullable Throwable> callback) {
        callback.accept(null);
    }

    /**
     * Whether the writable side stays open after the readable side ended (node's {@code allowHalfOpen}, true by
     * default for a plain duplex). When false, the end of the readable side ends the writable side too.
     */
    public boolean allowHalfOpen() {
        return allowHalfOpen;
    }

    /** Sets {@link #allowHalfOpen()}. */
    public Duplex<R, W> allowHalfOpen(boolean allow) {
        this.allowHalfOpen = allow;
        return this;
    }

    @Override
    void onReadableEnded() {
        if (!allowHalfOpen && !writable.ending()) {
            end();
        }
        if (writable.finished()) {
            destroy();
        }
    }

    @Override
    void destroyOtherSide(@Nullable Throwable error) {
        writable.destroy();
    }

    @Override
    public boolean write(W chunk) {
        return writable.write(chunk, null);
    }

    @Override
    public boolean write(W chunk, Consumer<@Nullable Throwable> callback) {
        return writable.write(chunk, callback);
    }

    @Override
    public Duplex<R, W> end() {
        writable.end(null);
        return this;
    }

    @Override
    public Duplex<R, W> end(W chunk) {
        writable.end(chunk);
        return this;
    }

    @Override
    public void cork() {
        writable.cork();
    }

    @Override
    public void uncork() {
        writable.uncork();
    }

    @Override
    public boolean writableEnded() {
        return writable.ending();
    }

    @Override
    public boolean writableFinished() {
        return writable.finished();
    }

    @Override
    public boolean writableNeedDrain() {
        return writable.needDrain();
    }

    /** Bytes (or objects) written but not yet handed on (node's {@code writableLength}). */
    public long writableLength() {
        return writable.length();
    }

    /** The writable side's high-water mark (node's {@code writableHighWaterMark}). */
    public int writableHighWaterMark() {
        return writable.highWaterMark();
    }

    @Override
    public Duplex<R, W> onDrain(Runnable listener) {
        onNoValue("drain", listener, false);
        return this;
    }

    @Override
    public Duplex<R, W> onFinish(Runnable listener) {
        onNoValue("finish", listener, false);
        return this;
    }

    @Override
    public Duplex<R, W> onError(Consumer<? super Throwable> listener) {
        super.onError(listener);
        return this;
    }

    @Override
    public Duplex<R, W> onClose(Runnable listener) {
        super.onClose(listener);
        return this;
    }
}
