package dev.stardust.crypto.internal;

import dev.stardust.StardustException;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECKey;
import java.security.interfaces.XECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Asymmetric keys on the JDK's {@code KeyFactory}, {@code KeyPairGenerator} and {@code Signature}: PEM read and
 * written as PKCS#8 ({@code PRIVATE KEY}) and SPKI ({@code PUBLIC KEY}), the forms node and the TLS options share;
 * node's key types ({@code rsa}, {@code ec}, {@code ed25519}, {@code ed448}, {@code x25519}, {@code x448}) and
 * curve names ({@code P-256} or {@code prime256v1}, ...) mapped to the JDK's.
 */
public final class Keys {
    private static final List<String> FACTORIES = List.of("RSA", "EC", "Ed25519", "Ed448", "X25519", "X448");
    private static final Map<String, String> CURVES = Map.of("p-256", "secp256r1", "prime256v1", "secp256r1",
            "secp256r1", "secp256r1", "p-384", "secp384r1", "secp384r1", "secp384r1", "p-521", "secp521r1",
            "secp521r1", "secp521r1");

    private Keys() {
    }

    /** node's {@code asymmetricKeyType} of a JDK key: {@code rsa}, {@code ec}, {@code ed25519}, ... */
    public static String typeOf(Key key) {
        if (key instanceof EdECKey ed) {
            return ed.getParams().getName().toLowerCase(Locale.ROOT);
        }
        if (key instanceof XECKey x && x.getParams() instanceof NamedParameterSpec named) {
            return named.getName().toLowerCase(Locale.ROOT);
        }
        return key.getAlgorithm().toLowerCase(Locale.ROOT);
    }

    /** The key a PEM {@code PRIVATE KEY} (PKCS#8) or {@code PUBLIC KEY} (SPKI) block holds. */
    public static Key fromPem(String pem, boolean isPrivate) {
        String label = isPrivate ? "PRIVATE KEY" : "PUBLIC KEY";
        int begin = pem.indexOf("-----BEGIN " + label + "-----");
        int end = pem.indexOf("-----END " + label + "-----");
        if (begin < 0 || end < begin) {
            throw unsupported("no -----BEGIN " + label + "----- block (PKCS#1 and SEC1 keys are not read: "
                    + "convert them to PKCS#8 with openssl pkcs8 -topk8)", null);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + label.length() + 16, end));
        } catch (IllegalArgumentException e) {
            throw unsupported("bad base64 in the PEM block", e);
        }
        for (String algorithm : FACTORIES) {
            try {
                KeyFactory factory = KeyFactory.getInstance(algorithm);
                return isPrivate ? factory.generatePrivate(new PKCS8EncodedKeySpec(der))
                        : factory.generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this algorithm's key: try the next one
            }
        }
        throw unsupported("a key of no type the JDK reads", null);
    }

    private static StardustException unsupported(String message, @Nullable Throwable cause) {
        return new StardustException("ERR_OSSL_UNSUPPORTED", "unsupported key: " + message, cause);
    }

    /** {@code key}'s encoding (PKCS#8 or SPKI DER) as PEM, 64 characters a line, as OpenSSL writes it. */
    public static String toPem(Key key) {
        String label = key instanceof PrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /**
     * node's {@code generateKeyPair(type, options)}: {@code rsa} ({@code modulusLength}, {@code publicExponent}),
     * {@code ec} ({@code namedCurve}), {@code ed25519}, {@code ed448}, {@code x25519}, {@code x448}.
     */
    public static KeyPair generate(String type, int modulusLength, long publicExponent, @Nullable String curve) {
        try {
            switch (type.toLowerCase(Locale.ROOT)) {
                case "rsa" -> {
                    CryptoErrors.checkRange("modulusLength", modulusLength, 512, 16384);
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(new RSAKeyGenParameterSpec(modulusLength, BigInteger.valueOf(publicExponent)));
                    return g.generateKeyPair();
                }
                case "ec" -> {
                    String jdkCurve = curve == null ? null : CURVES.get(curve.toLowerCase(Locale.ROOT));
                    if (jdkCurve == null) {
                        throw new StardustException("ERR_CRYPTO_INVALID_CURVE", "Invalid EC curve name: " + curve);
                    }
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec(jdkCurve));
                    return g.generateKeyPair();
                }
                case "ed25519", "ed448", "x25519", "x448" -> {
                    String name = type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1);
                    return KeyPairGenerator.getInstance(name).generateKeyPair();
                }
                default -> throw new StardustException("ERR_INVALID_ARG_VALUE",
                        "The argument 'type' must be a supported key type. Received '" + type + "'");
            }
        } catch (GeneralSecurityException e) {
            throw new StardustException("ERR_CRYPTO_OPERATION_FAILED", "the JDK could not make a " + type + " key",
                    e);
        }
    }

    /** node's {@code crypto.sign(algorithm, data, key)}; a null digest is sha256, as OpenSSL's default. */
    public static byte[] sign(@Nullable String digest, byte[] data, PrivateKey key) {
        try {
            Signature signature = signature(digest, key);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (InvalidKeyException | SignatureException e) {
            throw new StardustException("ERR_CRYPTO_OPERATION_FAILED", "the JDK could not sign: " + e, e);
        }
    }

    /** node's {@code crypto.verify}: false for a wrong or malformed signature. */
    public static boolean verify(@Nullable String digest, byte[] data, PublicKey key, byte[] sig) {
        try {
            Signature signature = signature(digest, key);
            signature.initVerify(key);
            signature.update(data);
            return signature.verify(sig);
        } catch (SignatureException e) {
            return false;
        } catch (InvalidKeyException e) {
            throw new StardustException("ERR_CRYPTO_OPERATION_FAILED", "the JDK could not verify: " + e, e);
        }
    }

    private static Signature signature(@Nullable String digest, Key key) {
        String type = typeOf(key);
        String name = switch (type) {
            case "ed25519", "ed448" -> {
                if (digest != null) {
                    throw CryptoErrors.invalidDigest(digest + " (" + type + " takes no digest: pass null)");
                }
                yield type.equals("ed25519") ? "Ed25519" : "Ed448";
            }
            case "rsa" -> Digests.of(digest == null ? "sha256" : digest).signature() + "withRSA";
            case "ec" -> Digests.of(digest == null ? "sha256" : digest).signature() + "withECDSA";
            default -> throw new StardustException("ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE",
                    "a " + type + " key does not sign");
        };
        try {
            return Signature.getInstance(name);
        } catch (GeneralSecurityException e) {
            throw CryptoErrors.invalidDigest(String.valueOf(digest));
        }
    }
}
