package dev.stardust.stream;

import java.util.concurrent.Flow;

/**
 * Bridges between Stardust streams and {@link java.util.concurrent.Flow} (Reactive Streams in the JDK), as node's
 * {@code Readable.toWeb} and {@code Readable.fromWeb} bridge to web streams: the subscriber's demand is the
 * backpressure, so a slow reactive consumer pauses a socket, and a slow Stardust reader stops requesting. Signals
 * coming from other threads ({@code request}, {@code cancel}, {@code onNext}, ...) hop to the stream's loop.
 */
public final class FlowStreams {
    /** Items a {@link #fromPublisher(Flow.Publisher)} readable requests at a time, and buffers at most. */
    public static final int DEFAULT_BATCH = 16;

    private FlowStreams() {
    }

    /**
     * {@code source} as a publisher for one subscriber (node's {@code Readable.toWeb}). The source stays paused but
     * for the subscriber's outstanding demand; its {@code end} completes the subscriber, its error or early close
     * fails it, and {@code cancel} destroys it. Every signal reaches the subscriber on the loop thread, which it
     * must not block; {@code request} and {@code cancel} may be called from any thread. Until the subscription ends
     * (completed, failed or cancelled) it keeps the loop alive, since requests may come from elsewhere. A second
     * subscriber is refused with {@code onError}. Call on the loop thread.
     */
    public static <T> Flow.Publisher<T> toPublisher(ReadableStream<T> source) {
        return new ReadablePublisher<>(source);
    }

    /**
     * {@code publisher} as a readable (node's {@code Readable.fromWeb}), requesting {@link #DEFAULT_BATCH} items at
     * a time as it is read; see {@link #fromPublisher(Flow.Publisher, int)}.
     */
    public static <T> Readable<T> fromPublisher(Flow.Publisher<? extends T> publisher) {
        return fromPublisher(publisher, DEFAULT_BATCH);
    }

    /**
     * {@code publisher} as a readable that subscribes at once and requests {@code batch} items whenever it has
     * consumed the previous batch and its buffer has room, so at most about two batches wait in it. The
     * publisher's signals may come from any thread and are handed to the loop; {@code onComplete} ends the
     * readable, {@code onError} destroys it with the error, and destroying it cancels the subscription. Until then it
     * keeps the loop alive. Call on the loop thread.
     */
    public static <T> Readable<T> fromPublisher(Flow.Publisher<? extends T> publisher, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive, got " + batch);
        }
        return new PublisherReadable<>(publisher, batch);
    }
}
