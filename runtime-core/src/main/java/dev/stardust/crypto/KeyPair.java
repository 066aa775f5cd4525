package dev.stardust.crypto;

/**
 * A key pair made by {@link Crypto#generateKeyPair} (node's {@code {publicKey, privateKey}}).
 *
 * @param publicKey the public key
 * @param privateKey the private key
 */
public record KeyPair(KeyObject publicKey, KeyObject privateKey) {
}
