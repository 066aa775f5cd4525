package dev.stardust.internal;

import java.util.Arrays;

/**
 * Base64 read as node reads it, in both of its encodings ({@code base64} and {@code base64url}): either alphabet
 * (RFC 4648 sections 4 and 5, mixed at will), padding optional, every character outside the alphabet skipped
 * (whitespace and anything else), and reading stops at the first {@code '='}; like node, it looks at the low byte of
 * each UTF-16 unit only. A final group of two or three
 * characters gives one or two bytes; a lone final character gives nothing. The JDK's decoders reject all of this.
 */
final class LenientBase64 {
    private static final byte[] VALUES = new byte[256];

    static {
        Arrays.fill(VALUES, (byte) -1);
        String standard = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < standard.length(); i++) {
            VALUES[standard.charAt(i)] = (byte) i;
        }
        VALUES['-'] = 62;
        VALUES['_'] = 63;
    }

    private LenientBase64() {
    }

    /** The bytes {@code text} encodes, read leniently as described above; never fails. */
    static byte[] decode(String text) {
        byte[] out = new byte[text.length() / 4 * 3 + 2];
        int n = 0;
        int group = 0;
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            // node reads only the low byte of each UTF-16 unit: U+263D reads as '=' and ends the text.
            int c = text.charAt(i) & 0xff;
            if (c == '=') {
                break;
            }
            int value = VALUES[c];
            if (value < 0) {
                continue;
            }
            group = group << 6 | value;
            if (++count == 4) {
                out[n++] = (byte) (group >>> 16);
                out[n++] = (byte) (group >>> 8);
                out[n++] = (byte) group;
                group = 0;
                count = 0;
            }
        }
        if (count == 2) {
            out[n++] = (byte) (group >>> 4);
        } else if (count == 3) {
            out[n++] = (byte) (group >>> 10);
            out[n++] = (byte) (group >>> 2);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
