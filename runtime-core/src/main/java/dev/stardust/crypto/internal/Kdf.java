package dev.stardust.crypto.internal;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * PBKDF2 (RFC 8018 section 5.2) and HKDF (RFC 5869) composed from the JDK's HMAC, as node's {@code pbkdf2} and
 * {@code hkdf} are composed from OpenSSL's. The JDK's own PBKDF2 ({@code SecretKeyFactory}) is not used: it takes
 * the password as {@code char[]}, so a password of arbitrary bytes (node's Buffer) cannot reach it unchanged, and
 * it knows fewer digests than node. Both run on the caller's thread: blocking for as long as the work takes.
 */
public final class Kdf {
    /** node's limit on hkdf's {@code info}, in bytes. */
    public static final int HKDF_MAX_INFO = 1024;

    private Kdf() {
    }

    /** node's argument checks for pbkdf2, before any work: errors are thrown where the call is made. */
    public static void checkPbkdf2(int iterations, int keylen, String digest) {
        CryptoErrors.checkRange("iterations", iterations, 1, Integer.MAX_VALUE);
        CryptoErrors.checkRange("keylen", keylen, 0, Integer.MAX_VALUE);
        Digests.of(digest);
    }

    /** PBKDF2-HMAC-{@code digest} of {@code password} and {@code salt}: {@code keylen} bytes. */
    public static byte[] pbkdf2(byte[] password, byte[] salt, int iterations, int keylen, String digest) {
        checkPbkdf2(iterations, keylen, digest);
        Mac mac = Digests.mac(digest, password);
        int hLen = mac.getMacLength();
        byte[] out = new byte[keylen];
        byte[] u = new byte[hLen];
        byte[] t = new byte[hLen];
        try {
            for (int block = 1, offset = 0; offset < keylen; block++, offset += hLen) {
                mac.update(salt);
                mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8),
                    (byte) block});
                mac.doFinal(u, 0);
                System.arraycopy(u, 0, t, 0, hLen);
                for (int i = 1; i < iterations; i++) {
                    mac.update(u);
                    mac.doFinal(u, 0);
                    for (int j = 0; j < hLen; j++) {
                        t[j] ^= u[j];
                    }
                }
                System.arraycopy(t, 0, out, offset, Math.min(hLen, keylen - offset));
            }
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** node's argument checks for hkdf, before any work. */
    public static void checkHkdf(String digest, int infoLength, int keylen) {
        int hLen = Digests.mac(digest, new byte[0]).getMacLength();
        CryptoErrors.checkRange("keylen", keylen, 0, Integer.MAX_VALUE);
        if (infoLength > HKDF_MAX_INFO) {
            throw CryptoErrors.outOfRange("info", "must not contain more than " + HKDF_MAX_INFO + " bytes",
                    infoLength);
        }
        if (keylen > 255 * hLen) {
            throw new dev.stardust.StardustException("ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length");
        }
    }

    /** HKDF-{@code digest}: extract from {@code ikm} with {@code salt}, expand with {@code info} to {@code keylen}. */
    public static byte[] hkdf(String digest, byte[] ikm, byte[] salt, byte[] info, int keylen) {
        checkHkdf(digest, info.length, keylen);
        // Extract: an empty salt is HMAC's empty key, which HMAC pads to the same block as HashLen zeros (RFC 5869).
        byte[] prk = Digests.mac(digest, salt).doFinal(ikm);
        Mac mac = Digests.mac(digest, prk);
        byte[] out = new byte[keylen];
        byte[] previous = new byte[0];
        for (int i = 1, offset = 0; offset < keylen; i++) {
            mac.update(previous);
            mac.update(info);
            mac.update((byte) i);
            previous = mac.doFinal();
            System.arraycopy(previous, 0, out, offset, Math.min(previous.length, keylen - offset));
            offset += previous.length;
        }
        return out;
    }
}
