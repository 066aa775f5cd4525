package dev.stardust.crypto;

import org.jspecify.annotations.Nullable;

/**
 * The options of {@link Crypto#generateKeyPair} that node's {@code generateKeyPair(type, options)} takes:
 * {@code modulusLength} and {@code publicExponent} for RSA, {@code namedCurve} for EC. Immutable; each
 * {@code with} method returns a copy.
 */
public final class KeyPairOptions {
    private static final KeyPairOptions DEFAULTS = new KeyPairOptions(2048, 65537, null);

    private final int modulusLength;
    private final long publicExponent;
    private final @Nullable String namedCurve;

    private KeyPairOptions(int modulusLength, long publicExponent, @Nullable String namedCurve) {
        this.modulusLength = modulusLength;
        this.publicExponent = publicExponent;
        this.namedCurve = namedCurve;
    }

    /** RSA of 2048 bits with exponent 65537, no curve (node requires the curve for EC). */
    public static KeyPairOptions defaults() {
        return DEFAULTS;
    }

    /** These options with an RSA modulus of {@code bits} (node's {@code modulusLength}). */
    public KeyPairOptions withModulusLength(int bits) {
        return new KeyPairOptions(bits, publicExponent, namedCurve);
    }

    /** These options with the RSA public exponent {@code exponent} (node's {@code publicExponent}). */
    public KeyPairOptions withPublicExponent(long exponent) {
        return new KeyPairOptions(modulusLength, exponent, namedCurve);
    }

    /** These options with the EC curve {@code curve}: {@code P-256}, {@code P-384}, {@code P-521} (or OpenSSL's names). */
    public KeyPairOptions withNamedCurve(String curve) {
        return new KeyPairOptions(modulusLength, publicExponent, curve);
    }

    /** The RSA modulus length in bits (node's {@code modulusLength}). */
    public int modulusLength() {
        return modulusLength;
    }

    /** The RSA public exponent (node's {@code publicExponent}). */
    public long publicExponent() {
        return publicExponent;
    }

    /** The EC curve, when one was given (node's {@code namedCurve}). */
    public @Nullable String namedCurve() {
        return namedCurve;
    }
}
