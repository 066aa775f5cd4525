package dev.stardust.testing;

import java.util.Arrays;
import java.util.Random;

/**
 * Byte-level mutations of a valid input for the property tests of issue 20: what a faulty or hostile peer sends
 * instead of what the generator wrote. Each call applies one, chosen by {@code r}, so a property that takes the seed
 * from jqwik reproduces it from the printed sample.
 */
public final class Mutations {
    private Mutations() {
    }

    /** One of: a byte deleted, inserted, replaced or flipped by a bit, a slice duplicated, the tail cut off. */
    public static byte[] mutate(byte[] b, Random r) {
        if (b.length == 0) {
            return new byte[] {(byte) r.nextInt(256)};
        }
        int at = r.nextInt(b.length);
        byte[] out;
        switch (r.nextInt(6)) {
            case 0 -> {
                out = new byte[b.length - 1];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + 1, out, at, b.length - at - 1);
            }
            case 1 -> {
                out = new byte[b.length + 1];
                System.arraycopy(b, 0, out, 0, at);
                out[at] = (byte) r.nextInt(256);
                System.arraycopy(b, at, out, at + 1, b.length - at);
            }
            case 2 -> {
                out = b.clone();
                out[at] = (byte) r.nextInt(256);
            }
            case 3 -> {
                out = b.clone();
                out[at] ^= (byte) (1 << r.nextInt(8));
            }
            case 4 -> {
                int len = Math.min(b.length - at, 1 + r.nextInt(16));
                out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, at + len);
                System.arraycopy(b, at, out, at + len, b.length - at);
            }
            default -> out = Arrays.copyOf(b, at);
        }
        return out;
    }
}
