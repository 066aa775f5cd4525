package dev.stardust.zlib.internal;

import dev.stardust.Buffer;
import dev.stardust.stream.Transform;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Codec} as a byte {@link Transform}: each written chunk is fed to the codec and its output pushed; a
 * codec error destroys the stream with that error (node's zlib {@code error} event); destroying frees the codec.
 */
public final class ZlibTransform extends Transform<Buffer, Buffer> {
    private final Codec codec;

    /** A transform over {@code codec}, which it owns. */
    public ZlibTransform(Codec codec) {
        this.codec = codec;
    }

    @Override
    protected void doTransform(Buffer chunk, Consumer<@Nullable Throwable> callback) {
        try {
            codec.update(chunk, this::push);
        } catch (RuntimeException e) {
            callback.accept(e);
            return;
        }
        callback.accept(null);
    }

    @Override
    protected void doFlush(Consumer<@Nullable Throwable> callback) {
        try {
            codec.finish(this::push);
        } catch (RuntimeException e) {
            callback.accept(e);
            return;
        }
        callback.accept(null);
    }

    @Override
    protected void doDestroy(@Nullable Throwable error, Consumer<@Nullable Throwable> callback) {
        codec.close();
        callback.accept(error);
    }
}
