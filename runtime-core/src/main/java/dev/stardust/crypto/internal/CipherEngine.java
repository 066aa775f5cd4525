package dev.stardust.crypto.internal;

import dev.stardust.StardustException;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * One encryption or decryption with node's {@code Cipheriv}/{@code Decipheriv} life cycle over a JDK
 * {@link Cipher}: AAD and padding settings before the first update, updates, one final, then the tag.
 *
 * <p>An authenticated decryption releases no plaintext before its tag is checked: the ciphertext is held until
 * {@link #finish()}, which returns all the plaintext or fails with {@code ERR_CRYPTO_INVALID_AUTH_TAG} (node's
 * update hands out unauthenticated plaintext; the JDK's providers, and so Stardust, do not).
 */
public final class CipherEngine {
    private static final int DEFAULT_TAG_LENGTH = 16;
    private static final int SLICE = 8192;

    private final CipherSpec spec;
    private final boolean encrypt;
    private final SecretKeySpec key;
    private final byte[] iv;
    private final int tagLength;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private @Nullable Cipher cipher;
    private byte @Nullable [] aad;
    private byte @Nullable [] tag;
    private boolean padding = true;
    private boolean started;
    private boolean finished;

    /**
     * An engine for node's {@code createCipheriv}/{@code createDecipheriv}: checks the key and IV as node does,
     * failing with {@code ERR_CRYPTO_INVALID_KEYLEN}, {@code ERR_CRYPTO_INVALID_IV} or
     * {@code ERR_CRYPTO_INVALID_AUTH_TAG} (an {@code authTagLength} the JDK's providers cannot make).
     */
    public CipherEngine(String algorithm, boolean encrypt, byte[] key, byte @Nullable [] iv, int authTagLength) {
        this.spec = CipherSpec.of(algorithm);
        this.encrypt = encrypt;
        byte[] nonce = iv == null ? new byte[0] : iv;
        boolean ivOk = spec.ivLength() == -1 ? nonce.length > 0 : nonce.length == spec.ivLength();
        if (!ivOk) {
            throw new StardustException("ERR_CRYPTO_INVALID_IV", "Invalid initialization vector");
        }
        if (key.length != spec.keyLength()) {
            throw new StardustException("ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length");
        }
        if (spec.mode().authenticated()) {
            checkTagLength(authTagLength);
        }
        this.key = new SecretKeySpec(key, spec.jdkAlgorithm());
        this.iv = nonce.clone();
        this.tagLength = authTagLength;
    }

    /** The default tag length, 16 bytes, as node's. */
    public static int defaultTagLength() {
        return DEFAULT_TAG_LENGTH;
    }

    private void checkTagLength(int length) {
        // The JDK's GCM makes tags of 12 to 16 bytes (node also allows 4 and 8); its ChaCha20-Poly1305 only 16.
        boolean ok = spec.mode() == CipherSpec.Mode.GCM ? length >= 12 && length <= 16 : length == 16;
        if (!ok) {
            throw new StardustException("ERR_CRYPTO_INVALID_AUTH_TAG", "Invalid authentication tag length: " + length);
        }
    }

    /** node's {@code setAAD}: additional authenticated data, before any update. */
    public void setAAD(byte[] data) {
        if (!spec.mode().authenticated() || started || finished) {
            throw CryptoErrors.invalidState("setAAD");
        }
        aad = data.clone();
    }

    /** node's {@code setAutoPadding}: whether block modes add (encrypting) or remove (decrypting) PKCS#7 padding. */
    public void setAutoPadding(boolean enabled) {
        if (started || finished) {
            throw CryptoErrors.invalidState("setAutoPadding");
        }
        padding = enabled;
    }

    /** node's {@code decipher.setAuthTag}: the tag to check at {@link #finish()}; decryption only. */
    public void setAuthTag(byte[] authTag) {
        if (encrypt || !spec.mode().authenticated() || finished) {
            throw CryptoErrors.invalidState("setAuthTag");
        }
        checkTagLength(authTag.length);
        tag = authTag.clone();
    }

    /** node's {@code cipher.getAuthTag}: the tag, once {@link #finish()} has run; encryption only. */
    public byte[] getAuthTag() {
        if (!encrypt || !spec.mode().authenticated() || !finished || tag == null) {
            throw CryptoErrors.invalidState("getAuthTag");
        }
        return tag.clone();
    }

    /** node's {@code update}: the output for {@code data}, possibly empty. */
    public byte[] update(byte[] data) {
        if (finished) {
            throw CryptoErrors.invalidState("update");
        }
        if (spec.mode().authenticated() && !encrypt) {
            started = true;
            held.write(data, 0, data.length);
            return new byte[0];
        }
        return updateInSlices(start(), data, data.length);
    }

    /**
     * Feeds {@code data} to the JDK's cipher in slices of {@link #SLICE} bytes: on HotSpot 17 and 25 alike, AES-GCM
     * given 1 MB in one call runs at about 60-80 MB/s, and at 2 GB/s or more given 8 KB at a time (measured with
     * {@code benchmarks/crypto-bench.sh}; the intrinsics serve small calls).
     */
    private static byte[] updateInSlices(Cipher cipher, byte[] data, int length) {
        if (length <= SLICE) {
            byte[] out = cipher.update(data, 0, length);
            return out == null ? new byte[0] : out;
        }
        byte[] out = new byte[cipher.getOutputSize(length)];
        int n = 0;
        try {
            for (int p = 0; p < length; p += SLICE) {
                n += cipher.update(data, p, Math.min(SLICE, length - p), out, n);
            }
        } catch (ShortBufferException e) {
            // getOutputSize bounds every update's output, so this would be a provider bug.
            throw new IllegalStateException(e);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** node's {@code final}: the last output; fails with node's codes on bad padding, length or tag. */
    public byte[] finish() {
        if (finished) {
            throw CryptoErrors.invalidState("final");
        }
        finished = true;
        try {
            if (spec.mode().authenticated() && !encrypt) {
                byte[] expected = tag;
                if (expected == null) {
                    throw authFailed(null);
                }
                held.write(expected, 0, expected.length);
                Cipher cipher = start();
                byte[] body = updateInSlices(cipher, held.toByteArray(), held.size());
                byte[] last = cipher.doFinal();
                return concat(body, last);
            }
            byte[] out = start().doFinal();
            if (encrypt && spec.mode().authenticated()) {
                int split = out.length - tagLength;
                byte[] body = new byte[split];
                System.arraycopy(out, 0, body, 0, split);
                tag = new byte[tagLength];
                System.arraycopy(out, split, tag, 0, tagLength);
                return body;
            }
            return out;
        } catch (AEADBadTagException e) {
            throw authFailed(e);
        } catch (BadPaddingException e) {
            throw new StardustException("ERR_OSSL_BAD_DECRYPT", "bad decrypt", e);
        } catch (IllegalBlockSizeException e) {
            throw new StardustException("ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH", "wrong final block length", e);
        } finally {
            held.reset();
        }
    }

    private static StardustException authFailed(@Nullable Throwable cause) {
        // node's error here has no code (OpenSSL's "unable to authenticate data"); node uses this code for bad tags.
        return new StardustException("ERR_CRYPTO_INVALID_AUTH_TAG", "Unsupported state or unable to authenticate data",
                cause);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (b.length == 0) {
            return a;
        }
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private Cipher start() {
        Cipher c = cipher;
        if (c != null) {
            return c;
        }
        started = true;
        try {
            c = Cipher.getInstance(spec.transformation(padding));
            byte[] authTag = tag;
            int bits = 8 * (encrypt || authTag == null ? tagLength : authTag.length);
            AlgorithmParameterSpec params = switch (spec.mode()) {
                case ECB -> null;
                case GCM -> new GCMParameterSpec(bits, iv);
                default -> new IvParameterSpec(iv);
            };
            c.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, key, params);
            byte[] additional = aad;
            if (additional != null) {
                c.updateAAD(additional);
            }
        } catch (GeneralSecurityException e) {
            throw new StardustException("ERR_CRYPTO_INVALID_STATE", "the JDK refused " + spec.name() + ": " + e, e);
        }
        cipher = c;
        return c;
    }
}
