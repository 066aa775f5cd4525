package dev.stardust.crypto.internal;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import org.jspecify.annotations.Nullable;

/**
 * node's digest names (OpenSSL's, matched without regard to case, with the aliases OpenSSL accepts: {@code sha256},
 * {@code SHA-256}, {@code sha2-256}, {@code RSA-SHA256}, {@code sha256WithRSAEncryption}) mapped to the JDK's
 * {@code MessageDigest} and {@code Mac} names. Only digests the JDK's own providers have are listed.
 */
public final class Digests {
    /**
     * One digest: node's canonical name, the JDK's digest and HMAC names, and the HMAC block size in bytes.
     *
     * @param name node's name
     * @param jdkDigest the JDK's {@code MessageDigest} name
     * @param jdkHmac the JDK's {@code Mac} name
     * @param signature the JDK's {@code Signature} name prefix ({@code SHA256} of {@code SHA256withECDSA})
     */
    public record Digest(String name, String jdkDigest, String jdkHmac, String signature) {
    }

    private static final Map<String, Digest> BY_NAME = new HashMap<>();
    private static final List<String> NAMES = new ArrayList<>();

    static {
        add("md5", "MD5", "HmacMD5", "MD5", "rsa-md5", "md5withrsaencryption", "ssl3-md5");
        add("sha1", "SHA-1", "HmacSHA1", "SHA1", "sha-1", "rsa-sha1", "sha1withrsaencryption", "ssl3-sha1",
                "rsa-sha1-2");
        add("sha224", "SHA-224", "HmacSHA224", "SHA224", "sha-224", "sha2-224", "rsa-sha224",
                "sha224withrsaencryption");
        add("sha256", "SHA-256", "HmacSHA256", "SHA256", "sha-256", "sha2-256", "rsa-sha256",
                "sha256withrsaencryption");
        add("sha384", "SHA-384", "HmacSHA384", "SHA384", "sha-384", "sha2-384", "rsa-sha384",
                "sha384withrsaencryption");
        add("sha512", "SHA-512", "HmacSHA512", "SHA512", "sha-512", "sha2-512", "rsa-sha512",
                "sha512withrsaencryption");
        add("sha512-224", "SHA-512/224", "HmacSHA512/224", "SHA512/224", "sha-512/224", "sha2-512/224",
                "rsa-sha512/224", "sha512-224withrsaencryption");
        add("sha512-256", "SHA-512/256", "HmacSHA512/256", "SHA512/256", "sha-512/256", "sha2-512/256",
                "rsa-sha512/256", "sha512-256withrsaencryption");
        add("sha3-224", "SHA3-224", "HmacSHA3-224", "SHA3-224", "rsa-sha3-224");
        add("sha3-256", "SHA3-256", "HmacSHA3-256", "SHA3-256", "rsa-sha3-256");
        add("sha3-384", "SHA3-384", "HmacSHA3-384", "SHA3-384", "rsa-sha3-384");
        add("sha3-512", "SHA3-512", "HmacSHA3-512", "SHA3-512", "rsa-sha3-512");
    }

    private Digests() {
    }

    private static void add(String name, String jdkDigest, String jdkHmac, String signature, String... aliases) {
        Digest digest = new Digest(name, jdkDigest, jdkHmac, signature);
        NAMES.add(name);
        BY_NAME.put(name, digest);
        for (String alias : aliases) {
            BY_NAME.put(alias, digest);
        }
    }

    /** The digest node calls {@code name}, or null when the JDK's providers have no such digest. */
    public static @Nullable Digest find(String name) {
        return BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    /** The digest node calls {@code name}, else node's {@code ERR_CRYPTO_INVALID_DIGEST}. */
    public static Digest of(String name) {
        Digest digest = find(name);
        if (digest == null) {
            throw CryptoErrors.invalidDigest(name);
        }
        return digest;
    }

    /** node's canonical names of every digest, sorted (a subset of node's {@code crypto.getHashes()}). */
    public static List<String> names() {
        return NAMES.stream().sorted().toList();
    }

    /** A fresh JDK {@code MessageDigest} for node's {@code name}. */
    public static MessageDigest messageDigest(String name) {
        try {
            return MessageDigest.getInstance(of(name).jdkDigest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lost " + name, e);
        }
    }

    /** A fresh JDK {@code Mac} for node's digest {@code name}, keyed with {@code key} (any length, empty included). */
    public static Mac mac(String name, byte[] key) {
        try {
            Mac mac = Mac.getInstance(of(name).jdkHmac());
            mac.init(new RawKey(key));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JDK refused HMAC-" + name, e);
        }
    }
}
