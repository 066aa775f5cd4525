package dev.stardust.stream;

import dev.stardust.Promise;
import dev.stardust.internal.RealLoop;
import dev.stardust.internal.LoopPromise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** node's {@code stream} module functions that join streams and tell when they are done. */
public final class Streams {
    private Streams() {
    }

    /**
     * A promise that succeeds once {@code stream} emitted {@code end} (node's {@code stream/promises}
     * {@code finished(readable)}), or fails with its error, or with {@code ERR_STREAM_PREMATURE_CLOSE} when it
     * closed first. A duplex, whatever its static type, is watched on both sides. The promise reports the
     * failure: the {@code error} event is heard and goes nowhere else.
     */
    public static Promise<Void> finished(ReadableStream<?> stream) {
        return finishedAny(stream);
    }

    /**
     * A promise that succeeds once {@code stream} emitted {@code finish} (node's {@code finished(writable)}), or fails
     * with its error or {@code ERR_STREAM_PREMATURE_CLOSE}; see {@link #finished(ReadableStream)}.
     */
    public static Promise<Void> finished(WritableStream<?> stream) {
        return finishedAny(stream);
    }

    /**
     * A promise that succeeds once both sides of {@code stream} are done, {@code end} read and {@code finish}
     * written (node's {@code finished(duplex)}), or fails as {@link #finished(ReadableStream)} does.
     */
    public static Promise<Void> finished(Duplex<?, ?> stream) {
        return finishedAny(stream);
    }

    private static Promise<Void> finishedAny(Object stream) {
        LoopPromise<Void> promise = new LoopPromise<>(RealLoop.current());
        EndOfStream.watch(stream, error -> {
            if (error == null) {
                promise.resolve(null);
            } else {
                promise.reject(error);
            }
        });
        return promise;
    }

    /** Pipes {@code source} into {@code destination}; see {@link #pipeline(List)} for the semantics. */
    public static <A> Promise<Void> pipeline(ReadableStream<A> source, WritableStream<? super A> destination) {
        return pipeline(List.of(source, destination));
    }

    /** Pipes {@code source} through {@code middle} into {@code destination}; see {@link #pipeline(List)}. */
    public static <A, B> Promise<Void> pipeline(ReadableStream<A> source, Duplex<B, ? super A> middle,
            WritableStream<? super B> destination) {
        return pipeline(List.of(source, middle, destination));
    }

    /** Pipes {@code source} through two duplexes into {@code destination}; see {@link #pipeline(List)}. */
    public static <A, B, C> Promise<Void> pipeline(ReadableStream<A> source, Duplex<B, ? super A> first,
            Duplex<C, ? super B> second, WritableStream<? super C> destination) {
        return pipeline(List.of(source, first, second, destination));
    }

    /**
     * Pipes the first stream through each of the others in turn (all but the first and last must be a
     * {@link Duplex}), with backpressure end to end (node's {@code stream.pipeline}). The promise succeeds when the
     * last stream finishes. The first error anywhere, or a stream closing early ({@code ERR_STREAM_PREMATURE_CLOSE}),
     * destroys every stream of the pipeline and fails the promise, once.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Promise<Void> pipeline(List<?> streams) {
        if (streams.size() < 2) {
            throw new IllegalArgumentException("pipeline needs a source and at least one destination");
        }
        if (!(streams.get(0) instanceof Readable)) {
            throw new IllegalArgumentException("pipeline source must be a Readable, got " + streams.get(0));
        }
        for (int i = 1; i < streams.size() - 1; i++) {
            if (!(streams.get(i) instanceof Duplex)) {
                throw new IllegalArgumentException("pipeline stage " + i + " must be a Duplex or Transform, got "
                        + streams.get(i));
            }
        }
        if (!(streams.get(streams.size() - 1) instanceof WritableStream)) {
            throw new IllegalArgumentException("pipeline destination must be writable, got "
                    + streams.get(streams.size() - 1));
        }
        LoopPromise<Void> promise = new LoopPromise<>(RealLoop.current());
        List<Object> stages = new ArrayList<>(streams);
        boolean[] settled = new boolean[1];
        Consumer<@Nullable Throwable> finish = error -> {
            if (settled[0]) {
                return;
            }
            settled[0] = true;
            if (error == null) {
                promise.resolve(null);
                return;
            }
            for (Object stage : stages) {
                destroy(stage, error);
            }
            promise.reject(error);
        };
        for (int i = 0; i < stages.size(); i++) {
            // Each stage but the last is done when its output ended; the last when everything was written to it.
            boolean last = i == stages.size() - 1;
            EndOfStream.watch(stages.get(i), !last, last, error -> {
                if (error != null || last) {
                    finish.accept(error);
                }
            });
        }
        Readable current = (Readable) stages.get(0);
        for (int i = 1; i < stages.size(); i++) {
            WritableStream next = (WritableStream) stages.get(i);
            current.pipe(next);
            if (next instanceof Readable<?> readable) {
                current = readable;
            }
        }
        return promise;
    }

    private static void destroy(Object stage, Throwable error) {
        if (stage instanceof ReadableStream<?> r && !r.destroyed()) {
            r.destroy(error);
        } else if (stage instanceof WritableStream<?> w && !w.destroyed()) {
            w.destroy(error);
        }
    }
}
