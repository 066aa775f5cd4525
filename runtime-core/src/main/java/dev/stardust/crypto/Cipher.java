package dev.stardust.crypto;

import dev.stardust.Buffer;
import dev.stardust.crypto.internal.CipherEngine;

/**
 * node's {@code Cipheriv}: an encryption with a key and IV, fed with {@link #update} and ended with
 * {@link #finish()} (node's {@code final()}); for GCM and ChaCha20-Poly1305, {@link #getAuthTag()} then gives the
 * tag. It is also a {@code Transform<Buffer, Buffer>} from plaintext to ciphertext, to encrypt a stream as it flows.
 *
 * <p>Made with {@link Crypto#createCipheriv}, on a loop thread. Misuse fails with node's codes: {@code setAAD} or
 * {@code setAutoPadding} after an update, {@code getAuthTag} before {@code final}, a second {@code final}
 * ({@code ERR_CRYPTO_INVALID_STATE}).
 */
public final class Cipher extends CipherStream {
    Cipher(CipherEngine engine) {
        super(engine);
    }

    /** The authentication tag, after {@link #finish()} (node's {@code cipher.getAuthTag()}). */
    public Buffer getAuthTag() {
        return Buffer.wrap(engine.getAuthTag());
    }
}
