package dev.stardust.internal;

import java.util.Arrays;

/** node's {@code buf.indexOf}/{@code lastIndexOf} over a slice of an array, offsets resolved as node resolves them. */
public final class ByteSearch {
    private ByteSearch() {
    }

    /**
     * The offset is resolved first (negative from the end; out of bounds as {@code Buffer}'s javadoc says), then
     * forward finds the first match at or after it, backward the last match starting at or before it; -1 for none.
     */
    public static int search(byte[] bytes, int offset, int length, byte[] value, int valueOffset, int n,
            int byteOffset, boolean forward) {
        int start;
        if (byteOffset < 0) {
            if (byteOffset >= -length) {
                start = length + byteOffset;
            } else if (forward || n == 0) {
                start = 0;
            } else {
                return -1;
            }
        } else if (byteOffset <= length - n) {
            start = byteOffset;
        } else if (n == 0) {
            return length;
        } else if (forward) {
            return -1;
        } else {
            start = length - 1;
        }
        if (n == 0) {
            return start;
        }
        if (forward) {
            for (int i = start; i <= length - n; i++) {
                if (matchesAt(bytes, offset + i, value, valueOffset, n)) {
                    return i;
                }
            }
        } else {
            for (int i = Math.min(start, length - n); i >= 0; i--) {
                if (matchesAt(bytes, offset + i, value, valueOffset, n)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static boolean matchesAt(byte[] bytes, int at, byte[] value, int valueOffset, int n) {
        return bytes[at] == value[valueOffset] && Arrays.equals(bytes, at, at + n, value, valueOffset, valueOffset + n);
    }
}
