package dev.stardust.crypto;

import dev.stardust.Buffer;
import dev.stardust.Loop;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.crypto.internal.CipherEngine;
import dev.stardust.crypto.internal.CipherSpec;
import dev.stardust.crypto.internal.CryptoErrors;
import dev.stardust.crypto.internal.Digests;
import dev.stardust.crypto.internal.Kdf;
import dev.stardust.crypto.internal.Keys;
import dev.stardust.crypto.internal.Randoms;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * node's {@code crypto} module, as static functions over the JDK's providers; nothing here is cryptography of its
 * own. Algorithms go by node's names ({@code sha256}, {@code sha3-512}, {@code aes-256-gcm},
 * {@code chacha20-poly1305}), errors carry node's codes ({@code ERR_CRYPTO_INVALID_DIGEST},
 * {@code ERR_OUT_OF_RANGE}, ...) and are thrown where the call is made.
 *
 * <p>Threads: the stream types ({@link Hash}, {@link Hmac}, {@link Cipher}, {@link Decipher}) are made and used on a
 * loop thread; the one-shot functions without a promise ({@link #hash}, {@link #randomBytesSync},
 * {@link #randomInt}, {@link #pbkdf2Sync}, ...) work on any thread. Work that takes long (key derivation, key
 * generation) has a form returning a {@link Promise}, which runs on the loop's worker pool and completes on the loop
 * thread, as node's callback forms do; the {@code Sync} forms block their caller for as long as the work takes and
 * do not belong on the loop thread.
 */
public final class Crypto {
    private Crypto() {
    }

    // ---- hashes and HMACs ----

    /** A running hash of node's {@code algorithm}, also a stream (node's {@code crypto.createHash(algorithm)}). */
    public static Hash createHash(String algorithm) {
        return new Hash(algorithm);
    }

    /** A running HMAC of node's digest {@code algorithm} keyed with {@code key} (node's {@code crypto.createHmac}). */
    public static Hmac createHmac(String algorithm, Buffer key) {
        return new Hmac(algorithm, key);
    }

    /** A running HMAC keyed with the UTF-8 bytes of {@code key} (node's {@code crypto.createHmac(alg, string)}). */
    public static Hmac createHmac(String algorithm, String key) {
        return createHmac(algorithm, Buffer.from(key));
    }

    /** The hex digest of {@code data}, on any thread (node's {@code crypto.hash(algorithm, data)}). */
    public static String hash(String algorithm, Buffer data) {
        return Hash.hex(algorithm, data.asByteBuffer());
    }

    /** The hex digest of the UTF-8 bytes of {@code data} (node's {@code crypto.hash(algorithm, string)}). */
    public static String hash(String algorithm, String data) {
        return hash(algorithm, Buffer.from(data));
    }

    /** The digest of {@code data} in node's {@code outputEncoding} (node's {@code crypto.hash(alg, data, enc)}). */
    public static String hash(String algorithm, Buffer data, String outputEncoding) {
        return Buffer.from(hash(algorithm, data), "hex").toString(outputEncoding);
    }

    /** node's names of the digests available, sorted (node's {@code crypto.getHashes()}, those the JDK has). */
    public static List<String> getHashes() {
        return Digests.names();
    }

    // ---- random values ----

    /**
     * A promise of {@code size} random bytes made on the worker pool (node's {@code crypto.randomBytes(size, cb)});
     * loop thread only. Fails at once with {@code ERR_OUT_OF_RANGE} when {@code size} is negative.
     */
    public static Promise<Buffer> randomBytes(int size) {
        checkSize(size);
        return Loop.current().executeBlocking(() -> Buffer.wrap(Randoms.bytes(size)));
    }

    /**
     * {@code size} random bytes from the system's non-blocking source, on the calling thread (node's
     * {@code crypto.randomBytes(size)} without a callback); quick for small sizes, blocking for large ones.
     */
    public static Buffer randomBytesSync(int size) {
        checkSize(size);
        return Buffer.wrap(Randoms.bytes(size));
    }

    private static void checkSize(int size) {
        CryptoErrors.checkRange("size", size, 0, Integer.MAX_VALUE);
    }

    /** A random version 4 UUID in its 36-character form (node's {@code crypto.randomUUID()}). */
    public static String randomUUID() {
        return UUID.randomUUID().toString();
    }

    /** A uniform random integer in {@code [0, max)}, without modulo bias (node's {@code crypto.randomInt(max)}). */
    public static long randomInt(long max) {
        return randomInt(0, max);
    }

    /**
     * A uniform random integer in {@code [min, max)}, without modulo bias (node's {@code crypto.randomInt(min, max)}).
     * As node: both bounds are safe integers ({@code ERR_INVALID_ARG_TYPE} otherwise), {@code max > min} and
     * {@code max - min < 2^48} ({@code ERR_OUT_OF_RANGE} otherwise).
     */
    public static long randomInt(long min, long max) {
        if (Math.abs(min) > Randoms.MAX_SAFE_INTEGER) {
            throw new StardustException("ERR_INVALID_ARG_TYPE", "The \"min\" argument must be a safe integer");
        }
        if (Math.abs(max) > Randoms.MAX_SAFE_INTEGER) {
            throw new StardustException("ERR_INVALID_ARG_TYPE", "The \"max\" argument must be a safe integer");
        }
        if (max <= min) {
            throw CryptoErrors.outOfRange("max", "greater than the value of \"min\" (" + min + ")", max);
        }
        if (max - min > Randoms.MAX_RANGE) {
            throw CryptoErrors.outOfRange("max - min", "<= " + Randoms.MAX_RANGE, max - min);
        }
        return Randoms.between(min, max);
    }

    // ---- comparison ----

    /**
     * Whether {@code a} and {@code b} hold the same bytes, in time that depends on their length only (node's
     * {@code crypto.timingSafeEqual}); buffers of different lengths fail with
     * {@code ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH}, as node's.
     */
    public static boolean timingSafeEqual(Buffer a, Buffer b) {
        if (a.length() != b.length()) {
            throw new StardustException("ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH",
                    "Input buffers must have the same byte length");
        }
        // The JDK's MessageDigest.isEqual looks at every byte whatever it finds (constant time since JDK 6u17).
        return MessageDigest.isEqual(a.toByteArray(), b.toByteArray());
    }

    // ---- key derivation ----

    /**
     * A promise of PBKDF2-HMAC-{@code digest} (RFC 8018) derived on the worker pool, never blocking the loop (node's
     * {@code crypto.pbkdf2}); loop thread only. Bad arguments fail at once: {@code ERR_OUT_OF_RANGE} for
     * {@code iterations < 1} or {@code keylen < 0}, {@code ERR_CRYPTO_INVALID_DIGEST}.
     */
    public static Promise<Buffer> pbkdf2(Buffer password, Buffer salt, int iterations, int keylen, String digest) {
        Kdf.checkPbkdf2(iterations, keylen, digest);
        return Loop.current().executeBlocking(() -> pbkdf2Sync(password, salt, iterations, keylen, digest));
    }

    /** PBKDF2 on the calling thread, blocking it for every iteration (node's {@code crypto.pbkdf2Sync}). */
    public static Buffer pbkdf2Sync(Buffer password, Buffer salt, int iterations, int keylen, String digest) {
        return Buffer.wrap(Kdf.pbkdf2(password.toByteArray(), salt.toByteArray(), iterations, keylen, digest));
    }

    /**
     * A promise of HKDF-{@code digest} (RFC 5869) of the input key material {@code ikm}, derived on the worker pool
     * (node's {@code crypto.hkdf}); loop thread only. Fails at once as node: {@code ERR_CRYPTO_INVALID_DIGEST},
     * {@code ERR_OUT_OF_RANGE} for more than 1024 bytes of {@code info}, {@code ERR_CRYPTO_INVALID_KEYLEN} beyond
     * 255 digests' worth of output.
     */
    public static Promise<Buffer> hkdf(String digest, Buffer ikm, Buffer salt, Buffer info, int keylen) {
        Kdf.checkHkdf(digest, info.length(), keylen);
        return Loop.current().executeBlocking(() -> hkdfSync(digest, ikm, salt, info, keylen));
    }

    /** HKDF on the calling thread (node's {@code crypto.hkdfSync}, which returns an ArrayBuffer of the bytes). */
    public static Buffer hkdfSync(String digest, Buffer ikm, Buffer salt, Buffer info, int keylen) {
        return Buffer.wrap(Kdf.hkdf(digest, ikm.toByteArray(), salt.toByteArray(), info.toByteArray(), keylen));
    }

    // ---- ciphers ----

    /**
     * An encryption with node's cipher {@code algorithm} ({@code aes-256-gcm}, {@code aes-128-cbc},
     * {@code chacha20-poly1305}, ... see {@link #getCiphers()}), {@code key} and {@code iv} ({@code null} for ECB),
     * also a stream (node's {@code crypto.createCipheriv}). Fails with {@code ERR_CRYPTO_UNKNOWN_CIPHER},
     * {@code ERR_CRYPTO_INVALID_KEYLEN} or {@code ERR_CRYPTO_INVALID_IV}.
     */
    public static Cipher createCipheriv(String algorithm, Buffer key, @Nullable Buffer iv) {
        return createCipheriv(algorithm, key, iv, CipherEngine.defaultTagLength());
    }

    /**
     * An encryption whose tag is {@code authTagLength} bytes (node's {@code {authTagLength}} option): 12 to 16 for
     * GCM, 16 for ChaCha20-Poly1305 (what the JDK's providers make), else {@code ERR_CRYPTO_INVALID_AUTH_TAG}.
     */
    public static Cipher createCipheriv(String algorithm, Buffer key, @Nullable Buffer iv, int authTagLength) {
        return new Cipher(new CipherEngine(algorithm, true, key.toByteArray(), bytes(iv), authTagLength));
    }

    /** A decryption, also a stream (node's {@code crypto.createDecipheriv}); fails as {@link #createCipheriv}. */
    public static Decipher createDecipheriv(String algorithm, Buffer key, @Nullable Buffer iv) {
        return new Decipher(new CipherEngine(algorithm, false, key.toByteArray(), bytes(iv),
                CipherEngine.defaultTagLength()));
    }

    /** node's names of the ciphers available, sorted (node's {@code crypto.getCiphers()}, those offered here). */
    public static List<String> getCiphers() {
        return CipherSpec.names();
    }

    // ---- keys and signatures ----

    /**
     * A promise of a new key pair made on the worker pool (node's {@code crypto.generateKeyPair(type, options)}):
     * {@code rsa}, {@code ec} (with {@link KeyPairOptions#withNamedCurve}), {@code ed25519}, {@code ed448},
     * {@code x25519}, {@code x448}; loop thread only.
     */
    public static Promise<KeyPair> generateKeyPair(String type, KeyPairOptions options) {
        return Loop.current().executeBlocking(() -> generateKeyPairSync(type, options));
    }

    /** A new key pair on the calling thread, blocking it (an RSA key takes up to a second; node's {@code Sync}). */
    public static KeyPair generateKeyPairSync(String type, KeyPairOptions options) {
        java.security.KeyPair pair = Keys.generate(type, options.modulusLength(), options.publicExponent(),
                options.namedCurve());
        return new KeyPair(new KeyObject(pair.getPublic()), new KeyObject(pair.getPrivate()));
    }

    /**
     * The private key in a PEM {@code PRIVATE KEY} (PKCS#8) block, the form the TLS options take (node's
     * {@code crypto.createPrivateKey(pem)}); other forms fail with {@code ERR_OSSL_UNSUPPORTED}.
     */
    public static KeyObject createPrivateKey(String pem) {
        return new KeyObject(Keys.fromPem(pem, true));
    }

    /** The public key in a PEM {@code PUBLIC KEY} (SPKI) block (node's {@code crypto.createPublicKey(pem)}). */
    public static KeyObject createPublicKey(String pem) {
        return new KeyObject(Keys.fromPem(pem, false));
    }

    /**
     * The signature of {@code data} with {@code privateKey} (node's {@code crypto.sign(algorithm, data, key)}):
     * {@code algorithm} is the digest for RSA (PKCS#1 v1.5) and ECDSA (DER), sha256 when null, and must be null for
     * Ed25519 and Ed448. Any thread.
     */
    public static Buffer sign(@Nullable String algorithm, Buffer data, KeyObject privateKey) {
        if (!privateKey.type().equals("private")) {
            throw new StardustException("ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE",
                    "Invalid key object type public, expected private.");
        }
        return Buffer.wrap(Keys.sign(algorithm, data.toByteArray(), (PrivateKey) privateKey.key()));
    }

    /**
     * Whether {@code signature} is {@code publicKey}'s signature of {@code data} (node's
     * {@code crypto.verify(algorithm, data, key, signature)}); false for a malformed signature. Any thread.
     */
    public static boolean verify(@Nullable String algorithm, Buffer data, KeyObject publicKey, Buffer signature) {
        if (!publicKey.type().equals("public")) {
            throw new StardustException("ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE",
                    "Invalid key object type private, expected public.");
        }
        return Keys.verify(algorithm, data.toByteArray(), (PublicKey) publicKey.key(), signature.toByteArray());
    }

    private static byte @Nullable [] bytes(@Nullable Buffer buffer) {
        return buffer == null ? null : buffer.toByteArray();
    }
}
