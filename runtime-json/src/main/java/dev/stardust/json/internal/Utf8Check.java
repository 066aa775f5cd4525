package dev.stardust.json.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the invalid UTF-8 that jackson-core decodes without complaint: overlong forms ({@code C0}, {@code C1},
 * {@code E0 80..9F}, {@code F0 80..8F}) and code points above U+10FFFF ({@code F4 90..}, {@code F5..FF}). Everything
 * else (bad continuation bytes, truncation, encoded surrogates) jackson rejects itself. Each case is decided by a
 * lead byte and the byte after it, so a stream keeps one byte of state between chunks. ASCII is skipped eight
 * bytes at a time.
 */
final class Utf8Check {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** A lead byte seen at the very end of the previous chunk, or 0. */
    private int pendingLead;

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
            if (i + 8 <= to && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
                i += 8;
                continue;
            }
            int c = b[i] & 0xff;
            if (c >= 0xc0) {
                if (c == 0xc0 || c == 0xc1 || c >= 0xf5) {
                    return i;
                }
                if (c == 0xe0 || c == 0xf0 || c == 0xf4) {
                    if (i + 1 == to) {
                        pendingLead = c;
                    } else if (invalid(c, b[i + 1] & 0xff)) {
                        return i;
                    }
                }
            }
            i++;
        }
        return -2;
    }

    private static boolean invalid(int lead, int next) {
        return switch (lead) {
            case 0xe0 -> next < 0xa0;
            case 0xf0 -> next < 0x90;
            case 0xf4 -> next >= 0x90;
            default -> false;
        };
    }

    /** The message for a sequence found by {@link #check}. */
    static String reason() {
        return "invalid UTF-8: overlong encoding or code point above U+10FFFF";
    }
}
