package dev.stardust.stream;

import java.util.function.Consumer;

/**
 * One {@code readable.pipe(writable)}: moves chunks while the destination has room, pauses the source when it is
 * full and resumes it on {@code drain}, ends the destination at the end, and lets go of both when either closes.
 */
final class Pipe<T> {
    private final Readable<T> source;
    private final WritableStream<? super T> destination;
    private final boolean endDestination;
    private boolean awaitingDrain;
    private final Consumer<T> onData = this::onData;
    private final Consumer<Object> onDrain = ignored -> onDrain();
    private final Consumer<Object> onEnd = ignored -> onEnd();
    private final Consumer<Object> cleanup = ignored -> cleanup();

    private Pipe(Readable<T> source, WritableStream<? super T> destination, boolean endDestination) {
        this.source = source;
        this.destination = destination;
        this.endDestination = endDestination;
    }

    static <T> void start(Readable<T> source, WritableStream<? super T> destination, boolean end) {
        Pipe<T> pipe = new Pipe<>(source, destination, end);
        source.on("end", pipe.onEnd);
        source.on("close", pipe.cleanup);
        destination.on("close", pipe.cleanup);
        destination.on("error", pipe.cleanup);
        source.on("data", pipe.onData);
    }

    private void onData(T chunk) {
        if (!destination.write(chunk) && !awaitingDrain) {
            awaitingDrain = true;
            source.pause();
            destination.once("drain", onDrain);
        }
    }

    private void onDrain() {
        awaitingDrain = false;
        source.resume();
    }

    private void onEnd() {
        if (endDestination) {
            destination.end();
        }
        cleanup();
    }

    private void cleanup() {
        source.off("data", onData);
        source.off("end", onEnd);
        source.off("close", cleanup);
        destination.off("close", cleanup);
        destination.off("error", cleanup);
        destination.off("drain", onDrain);
    }
}
