package dev.stardust.crypto;

import dev.stardust.Buffer;
import dev.stardust.crypto.internal.CipherEngine;

/**
 * node's {@code Decipheriv}: a decryption with a key and IV, fed with {@link #update} and ended with
 * {@link #finish()} (node's {@code final()}). It is also a {@code Transform<Buffer, Buffer>} from ciphertext to
 * plaintext.
 *
 * <p>For GCM and ChaCha20-Poly1305, give the tag with {@link #setAuthTag} before {@code finish}. Unlike node's,
 * an authenticated decipher hands out no plaintext until the tag is checked: {@code update} returns empty buffers
 * and {@code finish} returns all the plaintext, or fails with {@code ERR_CRYPTO_INVALID_AUTH_TAG} (as a stream: an
 * {@code error} event and no {@code data}), so forged data is never passed on as good. Made with
 * {@link Crypto#createDecipheriv}, on a loop thread.
 */
public final class Decipher extends CipherStream {
    Decipher(CipherEngine engine) {
        super(engine);
    }

    /** The tag to check, before {@link #finish()} (node's {@code decipher.setAuthTag(buffer)}). */
    public Decipher setAuthTag(Buffer tag) {
        engine.setAuthTag(tag.toByteArray());
        return this;
    }
}
