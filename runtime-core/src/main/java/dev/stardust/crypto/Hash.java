package dev.stardust.crypto;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.crypto.internal.Digests;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * node's {@code Hash}: a running message digest, fed with {@link #update} and read once with {@link #digest()}.
 * It is also a {@code Transform<Buffer, Buffer>}, so a stream can be hashed as it flows: each chunk written is
 * hashed, and at the end it emits the digest as its one {@code data} chunk
 * ({@code Streams.pipeline(Fs.createReadStream(path), Crypto.createHash("sha256"))}).
 *
 * <p>Made with {@link Crypto#createHash}, on a loop thread (every stream belongs to a loop); for a digest off the
 * loop use {@link Crypto#hash}. After the digest, {@code update} and {@code digest} fail with node's
 * {@code ERR_CRYPTO_HASH_FINALIZED}.
 */
public final class Hash extends CryptoStream {
    private final String algorithm;
    private final MessageDigest digest;
    private boolean finalized;

    Hash(String algorithm) {
        this(algorithm, Digests.messageDigest(algorithm));
    }

    private Hash(String algorithm, MessageDigest digest) {
        this.algorithm = algorithm;
        this.digest = digest;
    }

    /** Adds {@code data} to the hash (node's {@code hash.update(buffer)}); returns this hash. */
    public Hash update(Buffer data) {
        checkOpen();
        digest.update(data.asByteBuffer());
        return this;
    }

    /** Adds the UTF-8 bytes of {@code data} (node's {@code hash.update(string)}). */
    public Hash update(String data) {
        return update(Buffer.from(data));
    }

    /** Adds {@code data} decoded with node's {@code inputEncoding} (node's {@code hash.update(string, encoding)}). */
    public Hash update(String data, String inputEncoding) {
        return update(Buffer.from(data, inputEncoding));
    }

    /** The digest of everything added, once (node's {@code hash.digest()}). */
    public Buffer digest() {
        checkOpen();
        finalized = true;
        return Buffer.wrap(digest.digest());
    }

    /** The digest in node's {@code encoding}: {@code hex}, {@code base64}, {@code base64url}, ... */
    public String digest(String encoding) {
        return digest().toString(encoding);
    }

    /** A new hash in the same state, to digest a prefix and go on (node's {@code hash.copy()}). */
    public Hash copy() {
        checkOpen();
        try {
            return new Hash(algorithm, (MessageDigest) digest.clone());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's " + algorithm + " cannot be copied", e);
        }
    }

    private void checkOpen() {
        if (finalized) {
            throw new StardustException("ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
        }
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

    static String hex(String algorithm, ByteBuffer data) {
        MessageDigest md = Digests.messageDigest(algorithm);
        md.update(data);
        return Buffer.wrap(md.digest()).toHex();
    }
}
