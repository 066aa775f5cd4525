package dev.stardust.stream;

import java.util.function.Consumer;

/**
 * What can be read from: a {@link Readable}, or the readable side of a {@link Duplex}. Events: {@code data}
 * (a chunk), {@code end}, {@code error}, {@code close}, {@code pause}, {@code resume}.
 *
 * @param <T> the chunk type: {@link dev.stardust.Buffer} for bytes, anything else in object mode
 */
public interface ReadableStream<T> {

    /** Starts or continues the flow of {@code data} events (node's {@code readable.resume()}). */
    ReadableStream<T> resume();

    /** Stops {@code data} events; chunks queue up to the high-water mark, then the source stops (node's {@code pause}). */
    ReadableStream<T> pause();

    /** Whether the stream is paused (node's {@code readable.isPaused()}). */
    boolean isPaused();

    /**
     * Sends every chunk to {@code destination}, pausing while it is full and ending it at the end (node's
     * {@code readable.pipe(dest)}). Returns the destination, so pipes chain.
     */
    <W extends WritableStream<? super T>> W pipe(W destination);

    /** Closes the stream and releases its resources; {@code error} is emitted first if given (node's {@code destroy}). */
    void destroy(Throwable error);

    /** Closes the stream and releases its resources without an error (node's {@code readable.destroy()}). */
    void destroy();

    /** Whether the stream was destroyed (node's {@code readable.destroyed}). */
    boolean destroyed();

    /** Whether {@code end} was emitted: every chunk was consumed (node's {@code readableEnded}). */
    boolean readableEnded();

    /** Adds a listener for {@code data} chunks; the stream starts flowing unless paused (node's {@code on('data')}). */
    ReadableStream<T> onData(Consumer<? super T> listener);

    /** Adds a listener for {@code end} (node's {@code on('end')}). */
    ReadableStream<T> onEnd(Runnable listener);

    /** Adds a listener for {@code error} (node's {@code on('error')}). */
    ReadableStream<T> onError(Consumer<? super Throwable> listener);

    /** Adds a listener for {@code close}, the last event a stream emits (node's {@code on('close')}). */
    ReadableStream<T> onClose(Runnable listener);

    /** Adds a listener for any event (EventEmitter's {@code on}). */
    <V> Object on(String event, Consumer<? super V> listener);

    /** Adds a one-shot listener for any event (EventEmitter's {@code once}). */
    <V> Object once(String event, Consumer<? super V> listener);

    /** Removes a listener (EventEmitter's {@code off}). */
    Object off(String event, Object listener);
}
