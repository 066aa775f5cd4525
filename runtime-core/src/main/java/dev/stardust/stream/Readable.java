package dev.stardust.stream;

import dev.stardust.Buffer;
import dev.stardust.EventEmitter;
import dev.stardust.internal.RealLoop;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * node's {@code stream.Readable}. A source implements {@link #doRead} (node's {@code _read}) and hands chunks over
 * with {@link #push}; push returning false means the buffer reached the high-water mark and the source should
 * stop until {@code doRead} is called again. That is the whole of backpressure: a paused or slow consumer stops the
 * source instead of letting memory grow.
 *
 * <p>Adding a {@code data} listener starts the flow unless {@link #pause()} was called. Events {@code end},
 * {@code error} and {@code close} are emitted from the loop's tick queue, never inside the call that caused them.
 *
 * @param <T> the chunk type: {@link Buffer} for bytes, anything else in object mode
 */
public abstract class Readable<T> extends EventEmitter implements ReadableStream<T> {
    /** node's default high-water mark for byte streams: 16 KiB (objects count 1 each, up to 16). */
    public static final int DEFAULT_HIGH_WATER_MARK = 16 * 1024;

    final RealLoop loop = RealLoop.current();
    private final ReadableState state;
    private boolean closeEmitted;

    /** A readable with node's default high-water mark. */
    protected Readable() {
        this(DEFAULT_HIGH_WATER_MARK);
    }

    /** A readable that buffers up to {@code highWaterMark} bytes (or objects) before push returns false. */
    protected Readable(int highWaterMark) {
        if (highWaterMark < 0) {
            throw new IllegalArgumentException("highWaterMark must not be negative");
        }
        this.state = new ReadableState(loop, this, new ReadableState.Source() {
            @Override
            public void doRead(int size) {
                Readable.this.doRead(size);
            }

            @Override
            public void destroyStream(Throwable error) {
                destroy(error);
            }

            @Override
            public void onEnded() {
                onReadableEnded();
            }
        }, highWaterMark);
    }

    /** A readable that emits the items of {@code items} and ends (node's {@code Readable.from(iterable)}). */
    public static <T> Readable<T> from(Iterable<T> items) {
        Iterator<T> it = items.iterator();
        return new Readable<>(16) {
            @Override
            protected void doRead(int size) {
                while (it.hasNext()) {
                    if (!push(it.next())) {
                        return;
                    }
                }
                push(null);
            }
        };
    }

    // ---- for implementations ---------------------------------------------------------------------------------

    /**
     * Called when the consumer wants more data (node's {@code _read}): push chunks now or later; it is not called
     * again until a push happened. {@code size} is a hint.
     */
    protected abstract void doRead(int size);

    /**
     * Releases the source's resources (node's {@code _destroy}); call {@code callback} once, with the error to
     * report (usually {@code error}) or null. The default reports {@code error}.
     */
    protected void doDestroy(@Nullable Throwable error, Consumer<@Nullable Throwable> callback) {
        callback.accept(error);
    }

    /**
     * Hands a chunk to the consumer, or ends the stream with {@code null} (node's {@code push}). Returns whether the
     * source may push more now; false asks it to wait for the next {@link #doRead}.
     */
    public final boolean push(@Nullable T chunk) {
        return state.push(chunk);
    }

    // ---- for consumers ---------------------------------------------------------------------------------------

    @Override
    public Readable<T> resume() {
        state.resume();
        return this;
    }

    @Override
    public Readable<T> pause() {
        state.pause();
        return this;
    }

    @Override
    public boolean isPaused() {
        return state.isPaused();
    }

    /**
     * Takes the next buffered chunk in paused mode, or null when none is buffered yet (node's {@code read()}).
     * Reading asks the source for more. With a {@code readable} listener (node's pull mode, which pauses the stream),
     * {@code readable} is emitted when chunks wait to be read and once more at the end: read until null each time.
     */
    @SuppressWarnings("unchecked")
    public @Nullable T read() {
        return (T) state.read();
    }

    /**
     * Makes {@code data} events carry Strings decoded with {@code charset}, multi-byte characters split across
     * chunks included (node's {@code setEncoding}). Only for byte streams; returns this stream, retyped.
     */
    @SuppressWarnings("unchecked")
    public Readable<String> setEncoding(Charset charset) {
        state.setEncoding(charset);
        return (Readable<String>) (Readable<?>) this;
    }

    @Override
    public <W extends WritableStream<? super T>> W pipe(W destination) {
        Pipe.start(this, destination, true);
        return destination;
    }

    /** As {@link #pipe(WritableStream)}; with {@code end} false the destination stays open at the end. */
    public <W extends WritableStream<? super T>> W pipe(W destination, boolean end) {
        Pipe.start(this, destination, end);
        return destination;
    }

    @Override
    public void destroy() {
        destroyWith(null);
    }

    @Override
    public void destroy(Throwable error) {
        destroyWith(error);
    }

    @Override
    public boolean destroyed() {
        return state.destroyed();
    }

    @Override
    public boolean readableEnded() {
        return state.endEmitted();
    }

    /** Whether the source has pushed its end, even if chunks are still buffered. */
    public boolean readableEndPushed() {
        return state.ended();
    }

    /** Bytes (or objects) buffered and not yet consumed (node's {@code readableLength}). */
    public long readableLength() {
        return state.length();
    }

    /** The high-water mark (node's {@code readableHighWaterMark}). */
    public int readableHighWaterMark() {
        return state.highWaterMark();
    }

    @Override
    public Readable<T> onData(Consumer<? super T> listener) {
        on("data", listener);
        return this;
    }

    @Override
    public Readable<T> onEnd(Runnable listener) {
        onNoValue("end", listener, false);
        return this;
    }

    @Override
    public Readable<T> onError(Consumer<? super Throwable> listener) {
        on("error", listener);
        return this;
    }

    @Override
    public Readable<T> onClose(Runnable listener) {
        onNoValue("close", listener, false);
        return this;
    }

    /** A first {@code data} listener starts the flow unless the stream was paused explicitly, as in node. */
    @Override
    protected void listenerAdded(String event) {
        if ("data".equals(event) && state.modeUnset()) {
            resume();
        } else if ("readable".equals(event)) {
            state.listenForReadable();
        }
    }

    /** Called after {@code end} was emitted; auto-destroys a plain readable, a duplex waits for its other side. */
    void onReadableEnded() {
        destroy();
    }

    private void destroyWith(@Nullable Throwable error) {
        loop.checkThread();
        if (!state.destroy()) {
            return;
        }
        destroyOtherSide(error);
        try {
            doDestroy(error, this::afterDestroy);
        } catch (RuntimeException e) {
            afterDestroy(e);
        }
    }

    /** Lets a duplex fail its pending writes when destroyed. */
    void destroyOtherSide(@Nullable Throwable error) {
    }

    private void afterDestroy(@Nullable Throwable error) {
        loop.nextTick(() -> {
            if (error != null) {
                emit("error", error);
            }
            if (!closeEmitted) {
                closeEmitted = true;
                emit("close");
            }
        });
    }
}
