package dev.stardust.crypto;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.crypto.internal.CipherEngine;
import dev.stardust.stream.Transform;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Cipher} and {@link Decipher} share: node's {@code update}/{@code final} calls over a
 * {@link CipherEngine}, and the Transform that feeds written chunks to {@code update} and pushes {@code final}'s
 * output at the end. A failure of {@code final} (a wrong tag, bad padding) destroys the stream with that error.
 */
abstract sealed class CipherStream extends Transform<Buffer, Buffer> permits Cipher, Decipher {
    final CipherEngine engine;

    CipherStream(CipherEngine engine) {
        this.engine = engine;
    }

    /** The output for {@code data}, possibly empty (node's {@code update(buffer)}). */
    public Buffer update(Buffer data) {
        return Buffer.wrap(engine.update(data.toByteArray()));
    }

    /** The output for the UTF-8 bytes of {@code data} (node's {@code update(string)}). */
    public Buffer update(String data) {
        return update(Buffer.from(data));
    }

    /** The output for {@code data} decoded with node's {@code inputEncoding} (node's {@code update(s, enc)}). */
    public Buffer update(String data, String inputEncoding) {
        return update(Buffer.from(data, inputEncoding));
    }

    /**
     * The last output, once (node's {@code final()}, a Java keyword): fails with {@code ERR_OSSL_BAD_DECRYPT},
     * {@code ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH} or {@code ERR_CRYPTO_INVALID_AUTH_TAG}, and
     * {@code ERR_CRYPTO_INVALID_STATE} when called twice.
     */
    public Buffer finish() {
        return Buffer.wrap(engine.finish());
    }

    /** Additional authenticated data for GCM and ChaCha20-Poly1305, before any update (node's {@code setAAD}). */
    public CipherStream setAAD(Buffer data) {
        engine.setAAD(data.toByteArray());
        return this;
    }

    /** Whether CBC and ECB add or strip PKCS#7 padding, before any update (node's {@code setAutoPadding}). */
    public CipherStream setAutoPadding(boolean enabled) {
        engine.setAutoPadding(enabled);
        return this;
    }

    @Override
    protected void doTransform(Buffer chunk, Consumer<@Nullable Throwable> callback) {
        Buffer out;
        try {
            out = update(chunk);
        } catch (StardustException e) {
            callback.accept(e);
            return;
        }
        if (!out.isEmpty()) {
            push(out);
        }
        callback.accept(null);
    }

    @Override
    protected void doFlush(Consumer<@Nullable Throwable> callback) {
        Buffer out;
        try {
            out = finish();
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
