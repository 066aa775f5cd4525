package dev.stardust.stream;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * node's {@code stream.Transform}: a duplex whose output is computed from its input, such as a compressor, a line
 * splitter or a parser. Implement {@link #doTransform} (node's {@code _transform}): {@link #push} any number of
 * outputs for the chunk, then call the callback. Backpressure crosses it: a full output stops the input.
 *
 * @param <I> the chunk type written to it
 * @param <O> the chunk type read from it
 */
public abstract class Transform<I, O> extends Duplex<O, I> {
    private @Nullable Runnable resumeTransform;

    /** A transform with node's default high-water marks. */
    protected Transform() {
        super();
    }

    /** A transform with the given high-water marks for its output and input. */
    protected Transform(int readableHighWaterMark, int writableHighWaterMark) {
        super(readableHighWaterMark, writableHighWaterMark, false);
    }

    /**
     * A transform from a function that gets each input and a function to emit outputs with, e.g. upper-casing:
     * {@code Transform.of((String s, Consumer<String> out) -> out.accept(s.toUpperCase()))}.
     */
    public static <I, O> Transform<I, O> of(BiConsumer<? super I, Consumer<O>> function) {
        return new Transform<>() {
            @Override
            protected void doTransform(I chunk, Consumer<@Nullable Throwable> callback) {
                function.accept(chunk, this::push);
                callback.accept(null);
            }
        };
    }

    /** Transforms one input chunk (node's {@code _transform}): push outputs, then call {@code callback} once. */
    protected abstract void doTransform(I chunk, Consumer<@Nullable Throwable> callback);

    /** Pushes the last outputs once the input has ended (node's {@code _flush}); call {@code callback} once. */
    protected void doFlush(Consumer<@Nullable Throwable> callback) {
        callback.accept(null);
    }

    @Override
    protected final void doWrite(I chunk, Consumer<@Nullable Throwable> callback) {
        doTransform(chunk, error -> {
            if (error != null || readableLength() < readableHighWaterMark()) {
                callback.accept(error);
            } else {
                // Output is full: take the next input only when the reader asks for more.
                resumeTransform = () -> callback.accept(null);
            }
        });
    }

    @Override
    protected final void doFinal(Consumer<@Nullable Throwable> callback) {
        doFlush(error -> {
            if (error == null) {
                push(null);
            }
            callback.accept(error);
        });
    }

    @Override
    protected final void doRead(int size) {
        Runnable resume = resumeTransform;
        if (resume != null) {
            resumeTransform = null;
            resume.run();
        }
    }
}
