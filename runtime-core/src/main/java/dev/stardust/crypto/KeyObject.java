package dev.stardust.crypto;

import dev.stardust.Buffer;
import dev.stardust.crypto.internal.Keys;
import java.security.Key;
import java.security.PrivateKey;
import java.util.Arrays;

/**
 * node's {@code KeyObject} for an asymmetric key: a private or public RSA, EC, Ed25519, Ed448, X25519 or X448 key,
 * read from PEM with {@link Crypto#createPrivateKey}/{@link Crypto#createPublicKey} or made by
 * {@link Crypto#generateKeyPair}, written back with {@link #export()}. Immutable; usable on any thread.
 */
public final class KeyObject {
    private final Key key;

    KeyObject(Key key) {
        this.key = key;
    }

    /** {@code private} or {@code public} (node's {@code keyObject.type}). */
    public String type() {
        return key instanceof PrivateKey ? "private" : "public";
    }

    /** node's {@code keyObject.asymmetricKeyType}: {@code rsa}, {@code ec}, {@code ed25519}, {@code x25519}, ... */
    public String asymmetricKeyType() {
        return Keys.typeOf(key);
    }

    /**
     * The key as PEM: PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}) for a private key, SPKI
     * ({@code -----BEGIN PUBLIC KEY-----}) for a public one (node's
     * {@code keyObject.export({type: 'pkcs8' or 'spki', format: 'pem'})}).
     */
    public String export() {
        return Keys.toPem(key);
    }

    /** The key as DER, PKCS#8 or SPKI (node's {@code keyObject.export({type, format: 'der'})}). */
    public Buffer exportDer() {
        return Buffer.wrap(key.getEncoded());
    }

    Key key() {
        return key;
    }

    /** Equal when both are the same kind of key with the same encoding (node's {@code keyObject.equals}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof KeyObject other && type().equals(other.type())
                && Arrays.equals(key.getEncoded(), other.key.getEncoded());
    }

    /** A hash consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Arrays.hashCode(key.getEncoded());
    }

    /** The type and kind, never the key material. */
    @Override
    public String toString() {
        return "KeyObject(" + type() + " " + asymmetricKeyType() + ")";
    }
}
