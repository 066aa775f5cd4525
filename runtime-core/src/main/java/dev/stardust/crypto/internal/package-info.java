/**
 * The JDK side of {@link dev.stardust.crypto.Crypto}: node's algorithm names mapped to the JDK's, HMAC keys the JDK
 * accepts when empty, the key derivations composed from the JDK's HMAC, the cipher engine behind the cipher streams.
 * Not exported; free to change between releases.
 */
@NullMarked
package dev.stardust.crypto.internal;

import org.jspecify.annotations.NullMarked;
