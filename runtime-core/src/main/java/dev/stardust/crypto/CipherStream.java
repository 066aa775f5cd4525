package dev.stardust.crypto;

import dev.stardust.Buffer;
import dev.stardust.crypto.internal.CipherEngine;

/**
 * What {@link Cipher} and {@link Decipher} share: node's {@code update}/{@code final} calls over a
 * {@link CipherEngine}; as a stream, written chunks go to {@code update} and {@code final}'s output comes at the
 * end. A failure of {@code final} (a wrong tag, bad padding) destroys the stream with that error.
 */
abstract sealed class CipherStream extends CryptoStream permits Cipher, Decipher {
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
    Buffer transformChunk(Buffer chunk) {
        return update(chunk);
    }

    @Override
    Buffer flushOutput() {
        return finish();
    }
}
