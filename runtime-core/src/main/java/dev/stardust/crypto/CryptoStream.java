package dev.stardust.crypto;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.stream.Transform;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The stream side of {@link Hash}, {@link Hmac}, {@link Cipher} and {@link Decipher}: each chunk written goes to
 * {@link #transformChunk}, whose output (if any) is pushed; at the end {@link #flushOutput} gives the last output
 * (a digest, a cipher's final block). A node error from either destroys the stream with that error.
 */
abstract sealed class CryptoStream extends Transform<Buffer, Buffer> permits Hash, Hmac, CipherStream {
    /** Feeds one written chunk; returns what to push, empty for nothing. */
    abstract Buffer transformChunk(Buffer chunk);

    /** The output once the input has ended. */
    abstract Buffer flushOutput();

    @Override
    protected final void doTransform(Buffer chunk, Consumer<@Nullable Throwable> callback) {
        pushThen(() -> transformChunk(chunk), callback);
    }

    @Override
    protected final void doFlush(Consumer<@Nullable Throwable> callback) {
        pushThen(this::flushOutput, callback);
    }

    private void pushThen(Supplier<Buffer> output, Consumer<@Nullable Throwable> callback) {
        Buffer out;
        try {
            out = output.get();
        } catch (StardustException e) {
            callback.accept(e);
            return;
        }
        if (!out.isEmpty()) {
            push(out);
        }
        callback.accept(null);
    }
}
