package dev.stardust.stream;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What can be written to: a {@link Writable}, or the writable side of a {@link Duplex}. Events: {@code drain}
 * (room again after {@link #write} returned false), {@code finish} (everything written after {@link #end()}),
 * {@code error}, {@code close}.
 *
 * @param <T> the chunk type: {@link dev.stardust.Buffer} for bytes, anything else in object mode
 */
public interface WritableStream<T> {

    /**
     * Writes {@code chunk}; returns false once the buffered amount reaches the high-water mark, after which
     * the caller should wait for {@code drain} (node's {@code writable.write(chunk)}). Nothing is ever dropped.
     */
    boolean write(T chunk);

    /**
     * Writes {@code chunk} and calls {@code callback} once, with null when it was written or with the error when it
     * could not be (node's {@code write(chunk, cb)}).
     */
    boolean write(T chunk, Consumer<@Nullable Throwable> callback);

    /** Signals that nothing more will be written; {@code finish} follows once all is written (node's {@code end()}). */
    WritableStream<T> end();

    /** Writes a last chunk, then ends (node's {@code end(chunk)}). */
    WritableStream<T> end(T chunk);

    /** Buffers writes until {@link #uncork()}, to send them together (node's {@code cork}). */
    void cork();

    /** Sends what {@link #cork()} held back (node's {@code uncork}). */
    void uncork();

    /** Closes the stream; pending writes fail, {@code error} is emitted first if given (node's {@code destroy}). */
    void destroy(Throwable error);

    /** Closes the stream without an error; pending writes fail (node's {@code writable.destroy()}). */
    void destroy();

    /** Whether the stream was destroyed (node's {@code writable.destroyed}). */
    boolean destroyed();

    /** Whether {@link #end()} was called (node's {@code writableEnded}). */
    boolean writableEnded();

    /** Whether {@code finish} was emitted (node's {@code writableFinished}). */
    boolean writableFinished();

    /** Whether a {@link #write} returned false and {@code drain} has not fired yet (node's {@code writableNeedDrain}). */
    boolean writableNeedDrain();

    /** Adds a listener for {@code drain}: room again after {@link #write} returned false (node's {@code on('drain')}). */
    WritableStream<T> onDrain(Runnable listener);

    /** Adds a listener for {@code finish}: everything was written after {@link #end()} (node's {@code on('finish')}). */
    WritableStream<T> onFinish(Runnable listener);

    /** Adds a listener for {@code error} (node's {@code on('error')}). */
    WritableStream<T> onError(Consumer<? super Throwable> listener);

    /** Adds a listener for {@code close}, the last event a stream emits (node's {@code on('close')}). */
    WritableStream<T> onClose(Runnable listener);

    /** Adds a listener for any event (EventEmitter's {@code on}). */
    <V> Object on(String event, Consumer<? super V> listener);

    /** Adds a one-shot listener for any event (EventEmitter's {@code once}). */
    <V> Object once(String event, Consumer<? super V> listener);

    /** Removes a listener (EventEmitter's {@code off}). */
    Object off(String event, Object listener);
}
