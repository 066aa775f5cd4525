/**
 * node's {@code crypto} over the JDK's providers: hashes and HMACs (also as streams), random values, constant-time
 * comparison, key derivation on the worker pool, AES and ChaCha20-Poly1305 ciphers as streams, and signatures with
 * PEM keys. Start at {@link dev.stardust.crypto.Crypto}.
 */
@NullMarked
package dev.stardust.crypto;

import org.jspecify.annotations.NullMarked;
