package dev.stardust.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * UTF-8 as node (and the WHATWG Encoding Standard) reads and writes it where the JDK differs: a lone surrogate is
 * written as U+FFFD (the JDK writes {@code '?'}), and a malformed sequence is read as one U+FFFD per maximal
 * subpart, so that an encoded surrogate such as {@code ED A0 80} gives three replacement characters (the JDK gives
 * one).
 */
final class Utf8 {
    private static final char REPLACEMENT = '\uFFFD';

    private Utf8() {
    }

    /** {@code text} as UTF-8, each unpaired surrogate written as U+FFFD. */
    static byte[] encode(String text) {
        byte[] out = new byte[text.length() * 3];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            int c = text.charAt(i);
            if (Character.isHighSurrogate((char) c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                c = Character.toCodePoint((char) c, text.charAt(++i));
            } else if (Character.isSurrogate((char) c)) {
                c = REPLACEMENT;
            }
            if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xc0 | c >>> 6);
                out[n++] = (byte) (0x80 | c & 0x3f);
            } else if (c < 0x10000) {
                out[n++] = (byte) (0xe0 | c >>> 12);
                out[n++] = (byte) (0x80 | c >>> 6 & 0x3f);
                out[n++] = (byte) (0x80 | c & 0x3f);
            } else {
                out[n++] = (byte) (0xf0 | c >>> 18);
                out[n++] = (byte) (0x80 | c >>> 12 & 0x3f);
                out[n++] = (byte) (0x80 | c >>> 6 & 0x3f);
                out[n++] = (byte) (0x80 | c & 0x3f);
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** {@code length} bytes from {@code offset} read as UTF-8, each maximal malformed subpart read as U+FFFD. */
    static String decode(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end && bytes[i] >= 0) {
            i++;
        }
        if (i == end) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        char[] out = new char[length];
        int n = 0;
        for (int k = offset; k < i; k++) {
            out[n++] = (char) bytes[k];
        }
        while (i < end) {
            int b = bytes[i++] & 0xff;
            if (b < 0x80) {
                out[n++] = (char) b;
                continue;
            }
            int needed;
            int cp;
            int lower = 0x80;
            int upper = 0xbf;
            if (b >= 0xc2 && b <= 0xdf) {
                needed = 1;
                cp = b & 0x1f;
            } else if (b >= 0xe0 && b <= 0xef) {
                needed = 2;
                cp = b & 0x0f;
                lower = b == 0xe0 ? 0xa0 : lower;
                upper = b == 0xed ? 0x9f : upper;
            } else if (b >= 0xf0 && b <= 0xf4) {
                needed = 3;
                cp = b & 0x07;
                lower = b == 0xf0 ? 0x90 : lower;
                upper = b == 0xf4 ? 0x8f : upper;
            } else {
                out[n++] = REPLACEMENT;
                continue;
            }
            // Take continuation bytes while they fit; the first that does not ends the subpart and is read again.
            while (needed > 0 && i < end && (bytes[i] & 0xff) >= lower && (bytes[i] & 0xff) <= upper) {
                cp = cp << 6 | bytes[i++] & 0x3f;
                lower = 0x80;
                upper = 0xbf;
                needed--;
            }
            if (needed > 0) {
                out[n++] = REPLACEMENT;
            } else if (cp >= 0x10000) {
                out[n++] = Character.highSurrogate(cp);
                out[n++] = Character.lowSurrogate(cp);
            } else {
                out[n++] = (char) cp;
            }
        }
        return new String(out, 0, n);
    }
}
