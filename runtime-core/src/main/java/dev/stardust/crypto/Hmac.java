package dev.stardust.crypto;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.crypto.internal.Digests;
import javax.crypto.Mac;

/**
 * node's {@code Hmac}: a keyed message authentication code (RFC 2104) on the JDK's {@code Mac}, fed with
 * {@link #update} and read with {@link #digest()}. Like {@link Hash} it is also a {@code Transform<Buffer, Buffer>}
 * whose one output is the MAC of everything written. Compare MACs with {@link Crypto#timingSafeEqual}.
 *
 * <p>Made with {@link Crypto#createHmac}, on a loop thread. As in node, {@code update} after the digest fails with
 * {@code ERR_CRYPTO_HASH_FINALIZED}, and a second {@code digest} returns an empty buffer.
 */
public final class Hmac extends CryptoStream {
    private final Mac mac;
    private boolean finalized;

    Hmac(String algorithm, Buffer key) {
        this.mac = Digests.mac(algorithm, key.toByteArray());
    }

    /** Adds {@code data} (node's {@code hmac.update(buffer)}); returns this HMAC. */
    public Hmac update(Buffer data) {
        if (finalized) {
            throw new StardustException("ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
        }
        mac.update(data.asByteBuffer());
        return this;
    }

    /** Adds the UTF-8 bytes of {@code data} (node's {@code hmac.update(string)}). */
    public Hmac update(String data) {
        return update(Buffer.from(data));
    }

    /** Adds {@code data} decoded with node's {@code inputEncoding} (node's {@code hmac.update(string, encoding)}). */
    public Hmac update(String data, String inputEncoding) {
        return update(Buffer.from(data, inputEncoding));
    }

    /** The MAC of everything added (node's {@code hmac.digest()}); empty when called again, as node's. */
    public Buffer digest() {
        if (finalized) {
            return Buffer.EMPTY;
        }
        finalized = true;
        return Buffer.wrap(mac.doFinal());
    }

    /** The MAC in node's {@code encoding}: {@code hex}, {@code base64}, {@code base64url}, ... */
    public String digest(String encoding) {
        return digest().toString(encoding);
    }

    @Override
    Buffer transformChunk(Buffer chunk) {
        update(chunk);
        return Buffer.EMPTY;
    }

    @Override
    Buffer flushOutput() {
        return digest();
    }
}
