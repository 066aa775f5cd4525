package dev.stardust.crypto.internal;

import dev.stardust.StardustException;

/** node's crypto errors, by code, so that each is spelled once. */
public final class CryptoErrors {
    private CryptoErrors() {
    }

    /** node's {@code ERR_CRYPTO_INVALID_DIGEST} for a digest name it does not know. */
    public static StardustException invalidDigest(String name) {
        return new StardustException("ERR_CRYPTO_INVALID_DIGEST", "Invalid digest: " + name);
    }

    /** node's {@code ERR_OUT_OF_RANGE} for an argument outside {@code range} (e.g. {@code ">= 0 && <= 255"}). */
    public static StardustException outOfRange(String argument, String range, Object received) {
        return new StardustException("ERR_OUT_OF_RANGE",
                "The value of \"" + argument + "\" is out of range. It must be " + range + ". Received " + received);
    }

    /** node's {@code ERR_CRYPTO_INVALID_STATE} for a call made at the wrong time, e.g. a second {@code final()}. */
    public static StardustException invalidState(String operation) {
        return new StardustException("ERR_CRYPTO_INVALID_STATE", "Invalid state for operation " + operation);
    }

    /** Checks that {@code value} is in {@code [min, max]}, else node's {@code ERR_OUT_OF_RANGE}. */
    public static long checkRange(String argument, long value, long min, long max) {
        if (value < min || value > max) {
            throw outOfRange(argument, ">= " + min + " && <= " + max, value);
        }
        return value;
    }
}
