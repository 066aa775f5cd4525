package dev.stardust.json.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the invalid UTF-8 that jackson-core decodes without complaint: overlong forms ({@code C0}, {@code C1},
 * {@code E0 80..9F}, {@code F0 80..8F}), encoded surrogates ({@code ED A0..BF}) and code points above U+10FFFF
 * ({@code F4 90..}, {@code F5..FF}). Everything else (bad continuation bytes, truncation) jackson rejects itself.
 * Each case is decided by a lead byte that can never be a continuation byte and the byte after it, so the pass
 * needs no idea of where sequences start, only to look at those few lead bytes, and a stream keeps one byte of state
 * between chunks.
 *
 * <p>The same pass notes whether the input may hold an escaped lone surrogate: with valid UTF-8 that is the only way
 * a string can hold one, so when none is seen nobody needs to scan the parsed strings. An escaped pair
 * ({@code \}{@code uD83D\}{@code uDE00}) is recognised here and needs no later scan; an escape too close to a chunk's
 * end to tell counts as a possible lone one.
 *
 * <p>Speed: ASCII without a backslash is skipped sixteen bytes at a time; other text eight bytes at a time by
 * looking for the few bytes that matter ({@code \}{@code uD}, {@code C0 C1 E0 ED F0..FF}) with word arithmetic, so
 * accents, CJK and escapes other than surrogates cost no per-byte branch.
 */
final class Utf8Check {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long ONES = 0x0101010101010101L;
    private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;
    private static final long E0S = 0xe0e0e0e0e0e0e0e0L;
    private static final long EDS = 0xededededededededL;
    private static final long C0S = 0xc0c0c0c0c0c0c0c0L;
    private static final long NOT_LOW_BITS = 0xfefefefefefefefeL;
    private static final long US = 0x7575757575757575L;
    private static final long CASE_BITS = 0x2020202020202020L;
    private static final long LOWER_DS = 0x6464646464646464L;
    /** The high bits of a word's last two bytes, whose following bytes are in the next word. */
    private static final long LAST_TWO = 0x8080000000000000L;

    /** A lead byte seen at the very end of the previous chunk, or 0. */
    private int pendingLead;
    /** Whether an escaped lone surrogate (or an escape too close to a chunk's end to tell) was seen. */
    private boolean surrogateEscapes;
    /** How many backslashes ended the input before this chunk: whether a backslash at its start is escaped. */
    private int backslashesBefore;

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
            if (i + 16 <= to) {
                long w = (long) LONGS.get(b, i);
                long v = (long) LONGS.get(b, i + 8);
                if (((w | v) & HIGH_BITS) == 0 && zeroBytes(w ^ BACKSLASHES) == 0 && zeroBytes(v ^ BACKSLASHES) == 0) {
                    i += 16;
                    continue;
                }
            }
            if (i + 8 <= to) {
                long flagged = interesting((long) LONGS.get(b, i));
                if (flagged == 0) {
                    i += 8;
                    continue;
                }
                // no byte below the lowest flagged one needs a look: go straight there
                i += Long.numberOfTrailingZeros(flagged) >>> 3;
            }
            int c = b[i] & 0xff;
            if (c == '\\') {
                i = escape(b, from, i, to);
                continue;
            }
            if (c >= 0xc0) {
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
            }
            i++;
        }
        int k = to - 1;
        while (k >= from && b[k] == '\\') {
            k--;
        }
        backslashesBefore = k < from ? backslashesBefore + (to - from) : to - 1 - k;
        return -2;
    }

    /**
     * The high bit set in each byte of {@code w} that needs a look: a backslash followed by {@code uD} or
     * {@code ud} (or too near the word's end to tell), or a lead byte that may start invalid UTF-8 ({@code C0},
     * {@code C1}, {@code E0}, {@code ED}, {@code F0..FF}). Every such byte is flagged; others may be too (which only
     * costs a look), so escapes other than {@code \}{@code uD..} in dense text cost nothing.
     */
    private static long interesting(long w) {
        long m = zeroBytes(w ^ BACKSLASHES);
        if (m != 0) {
            long u = zeroBytes(w ^ US);
            long d = zeroBytes((w | CASE_BITS) ^ LOWER_DS);
            m &= (u >>> 8) & (d >>> 16) | LAST_TWO;
        }
        if ((w & HIGH_BITS) != 0) {
            m |= w & (w << 1) & (w << 2) & (w << 3) & HIGH_BITS // F0..FF: the top four bits set
                    | zeroBytes(w ^ E0S) | zeroBytes(w ^ EDS) | zeroBytes((w & NOT_LOW_BITS) ^ C0S);
        }
        return m;
    }

    /** The high bit of each zero byte of {@code x}; exact for the lowest, possibly wrong above it. */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGH_BITS;
    }

    /**
     * Looks at the backslash at {@code i} and returns where to go on: when it starts a {@code \}{@code uD..} escape
     * (an even run of backslashes before it) that is not the high half of a pair written as two escapes, or when it
     * is too near the chunk's start or end to tell, notes a possible lone surrogate. Steps over no byte but the
     * ASCII of a whole pair.
     */
    private int escape(byte[] b, int from, int i, int to) {
        if (i + 1 < to && b[i + 1] != 'u' || i + 2 < to && b[i + 2] != 'D' && b[i + 2] != 'd') {
            return i + 1;
        }
        int run = 0; // backslashes just before: an odd number escapes this one, which is then text
        for (int k = i - 1; k >= from && b[k] == '\\'; k--) {
            run++;
        }
        if (i - run == from) {
            run += backslashesBefore; // the run goes on at the end of the previous chunk
        }
        if ((run & 1) == 1) {
            return i + 1;
        }
        if (i + 3 >= to) {
            surrogateEscapes = true; // an escape cut by the chunk's end: cannot tell
            return i + 1;
        }
        int third = b[i + 3] | 0x20; // lower case for letters; digits unchanged
        if (third != '8' && third != '9' && third != 'a' && third != 'b') {
            if (third >= 'c' && third <= 'f') {
                surrogateEscapes = true; // a low surrogate first: lone
            }
            return i + 1;
        }
        // a high surrogate: it must be followed at once by an escaped low one
        if (i + 10 > to) {
            surrogateEscapes = true;
            return i + 1;
        }
        int low = b[i + 9] | 0x20;
        if (b[i + 4] >= 0 && b[i + 5] >= 0 && b[i + 6] == '\\' && b[i + 7] == 'u'
                && (b[i + 8] == 'D' || b[i + 8] == 'd') && low >= 'c' && low <= 'f') {
            return i + 8; // past the pair's ASCII up to the second escape's digits
        }
        surrogateEscapes = true;
        return i + 1;
    }

    /** Whether an escaped lone surrogate may have been seen since the last {@link #forgetSurrogateEscapes}. */
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
