package dev.stardust.json.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the invalid UTF-8 that jackson-core decodes without complaint: overlong forms ({@code C0}, {@code C1},
 * {@code E0 80..9F}, {@code F0 80..8F}), encoded surrogates ({@code ED A0..BF}) and code points above U+10FFFF
 * ({@code F4 90..}, {@code F5..FF}). Everything else (bad continuation bytes, truncation) jackson rejects itself.
 * Each case is decided by a lead byte and the byte after it, so a stream keeps one byte of state between chunks.
 *
 * <p>The same pass notes whether the input may hold an escaped surrogate ({@code \}{@code uD...}): with valid UTF-8
 * that is the only way a string can hold a lone surrogate, so when none is seen nobody needs to scan the parsed
 * strings for one. ASCII without a backslash is skipped eight bytes at a time.
 */
final class Utf8Check {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long ONES = 0x0101010101010101L;
    private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;

    /** A lead byte seen at the very end of the previous chunk, or 0. */
    private int pendingLead;
    /** Whether an escaped surrogate (or a backslash too close to a chunk's end to tell) was seen. */
    private boolean surrogateEscapes;

    /**
     * Returns the index in {@code [from, to)} where an invalid sequence starts (or {@code from - 1} when it started
     * with the last byte of the previous chunk), or -2 if none is found.
     */
    int check(byte[] b, int from, int to) {
        int i = from;
        if (pendingLead != 0) {
            int lead = pendingLead;
            pendingLead = 0;
            if (i < to && invalid(lead, b[i] & 0xff)) {
                return from - 1;
            }
        }
        while (i < to) {
            if (i + 8 <= to) {
                long w = (long) LONGS.get(b, i);
                long x = w ^ BACKSLASHES; // a zero byte where w has a backslash
                long flagged = (w | ((x - ONES) & ~x)) & HIGH_BITS;
                if (flagged == 0) {
                    i += 8;
                    continue;
                }
                // the lowest flagged byte is exact (a borrow only flags bytes above a real match): go straight there
                i += Long.numberOfTrailingZeros(flagged) >>> 3;
            }
            int c = b[i] & 0xff;
            if (c == '\\') {
                noteEscape(b, i, to);
            } else if (c >= 0xc0) {
                if (c == 0xc0 || c == 0xc1 || c >= 0xf5) {
                    return i;
                }
                if (c == 0xe0 || c == 0xed || c == 0xf0 || c == 0xf4) {
                    if (i + 1 == to) {
                        pendingLead = c;
                    } else if (invalid(c, b[i + 1] & 0xff)) {
                        return i;
                    }
                }
                // past the continuation bytes, which jackson checks: if one is not, the input fails there anyway
                i += c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
                continue;
            }
            i++;
        }
        return -2;
    }

    /** Notes a backslash at {@code i} starting {@code \}{@code uD} (any case), or too close to the end to tell. */
    private void noteEscape(byte[] b, int i, int to) {
        if (i + 2 >= to || b[i + 1] == 'u' && (b[i + 2] == 'D' || b[i + 2] == 'd')) {
            surrogateEscapes = true;
        }
    }

    /** Whether an escaped surrogate may have been seen since the last {@link #forgetSurrogateEscapes}. */
    boolean sawSurrogateEscapes() {
        return surrogateEscapes;
    }

    /** Starts noting escaped surrogates afresh. */
    void forgetSurrogateEscapes() {
        surrogateEscapes = false;
    }

    private static boolean invalid(int lead, int next) {
        return switch (lead) {
            case 0xe0 -> next < 0xa0;
            case 0xed -> next >= 0xa0;
            case 0xf0 -> next < 0x90;
            case 0xf4 -> next >= 0x90;
            default -> false;
        };
    }

    /** The message for a sequence found by {@link #check}. */
    static String reason() {
        return "invalid UTF-8: overlong encoding, encoded surrogate or code point above U+10FFFF";
    }
}
