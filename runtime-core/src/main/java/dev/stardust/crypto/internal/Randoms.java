package dev.stardust.crypto.internal;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The one {@link SecureRandom} behind node's random functions: the operating system's non-blocking source
 * ({@code NativePRNGNonBlocking}, {@code /dev/urandom}) where there is one, else the JDK's default. SecureRandom is
 * safe to share between threads.
 */
public final class Randoms {
    /** node's bound on {@code randomInt}'s range: {@code max - min} must be below 2^48. */
    public static final long MAX_RANGE = (1L << 48) - 1;
    /** JavaScript's {@code Number.MAX_SAFE_INTEGER}: node refuses bounds beyond it. */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private static final SecureRandom RANDOM = create();

    private Randoms() {
    }

    private static SecureRandom create() {
        try {
            return SecureRandom.getInstance("NativePRNGNonBlocking");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /** {@code size} random bytes. */
    public static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * A uniform integer in {@code [min, max)}, node's algorithm: draw 48 random bits and reject the draws at or above
     * the largest multiple of the range below 2^48, so no value is more likely than another (no modulo bias).
     */
    public static long between(long min, long max) {
        long range = max - min;
        long limit = (1L << 48) - ((1L << 48) % range);
        byte[] six = new byte[6];
        while (true) {
            RANDOM.nextBytes(six);
            long x = 0;
            for (byte b : six) {
                x = (x << 8) | (b & 0xff);
            }
            if (x < limit) {
                return min + x % range;
            }
        }
    }
}
