package dev.stardust.json.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time UTF-8 pass against a byte-at-a-time reference on random mixes of ASCII, escapes (pairs, lone
 * halves, escaped backslashes before {@code uD800}), valid multi-byte text and each invalid form, whole and split
 * into chunks: same first invalid byte, and an escaped lone surrogate never missed (never reported for a
 * whole
 * input without one).
 */
class Utf8CheckTest {
    private static final String[] PIECES = {"a", "plain text ", "\\n", "\\\\", "\\\"", "\\u00e9", "\\uD83D\\uDE00",
        "\\ud83d\\ude00", "\\uDBFF\\uDFFF", "\\\\uD800", "\\\\\\\\uDC00", "\\\\", "\\",
        "\\\\\\\\ud83d\\ude00", "\\u0041", "\\uD7FF", "\\uE000", "é", "日本",
        "😀", "\uD7FF", "\uE000", "\uFFFD", "\uDBFF\uDFFF", "\u0800", "\u0FFF"};
    private static final String[] LONE = {"\\uD800", "\\udbff", "\\uDC00", "\\uDFFF\\uD800", "\\uD800\\u0041",
        "\\uD800\\\\uDC00", "\\uD800x", "\\\\\\uD800", "\\\\\\\\\\uDC00", "\\\\\\ud83d\\\\ude00"};
    private static final byte[][] INVALID = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xC1, (byte) 0xBF},
        {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, {(byte) 0xE0, (byte) 0x9F, (byte) 0xBF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xED, (byte) 0xBF, (byte) 0xBF},
        {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xF0, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF5, (byte) 0x80}, {(byte) 0xFF}};

    @Test
    void agreesWithAByteByByteReference() {
        Random random = new Random(22);
        for (int round = 0; round < 20_000; round++) {
            byte[] input = randomInput(random);
            int expectedBad = referenceFirstInvalid(input);
            boolean expectedLone = referenceLoneSurrogate(input);

            Utf8Check whole = new Utf8Check();
            int bad = whole.check(input, 0, input.length);
            assertEquals(expectedBad < 0 ? -2 : expectedBad, bad, () -> describe(input));
            if (expectedBad < 0) {
                assertEquals(expectedLone, whole.sawSurrogateEscapes(), () -> describe(input));
            }

            // split at random points: the same first invalid byte; a lone surrogate may be over-reported, never missed
            Utf8Check chunked = new Utf8Check();
            int from = 0;
            int found = -2;
            while (from < input.length && found == -2) {
                int to = Math.min(input.length, from + 1 + random.nextInt(20));
                int r = chunked.check(input, from, to);
                if (r != -2) {
                    found = r;
                }
                from = to;
            }
            assertEquals(expectedBad < 0 ? -2 : expectedBad, found, () -> "chunked: " + describe(input));
            if (expectedBad < 0 && expectedLone) {
                assertTrue(chunked.sawSurrogateEscapes(), () -> "chunked: " + describe(input));
            }
        }
    }

    @Test
    void plainAsciiAndValidPairsNeedNoLaterScan() {
        byte[] text = "{\"emoji\":\"\\uD83D\\uDE00 and \\\\uD800 is text\",\"n\":[1,2,3]}"
                .getBytes(StandardCharsets.UTF_8);
        Utf8Check check = new Utf8Check();
        assertEquals(-2, check.check(text, 0, text.length));
        assertFalse(check.sawSurrogateEscapes());
    }

    private static byte[] randomInput(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pieces = 1 + random.nextInt(12);
        for (int i = 0; i < pieces; i++) {
            int kind = random.nextInt(40);
            if (kind == 0) {
                out.writeBytes(INVALID[random.nextInt(INVALID.length)]);
            } else if (kind == 1) {
                out.writeBytes(LONE[random.nextInt(LONE.length)].getBytes(StandardCharsets.UTF_8));
            } else {
                out.writeBytes(PIECES[random.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /** The first byte that is never valid, or a lead whose next byte makes an overlong, surrogate or too large form. */
    private static int referenceFirstInvalid(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            int next = i + 1 < b.length ? b[i + 1] & 0xff : -1;
            boolean bad = c == 0xc0 || c == 0xc1 || c >= 0xf5
                    || next >= 0 && (c == 0xe0 && next < 0xa0 || c == 0xed && next >= 0xa0
                    || c == 0xf0 && next < 0x90 || c == 0xf4 && next >= 0x90);
            if (bad) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Decodes escapes left to right: a high surrogate not followed by an escaped low one, or a low one alone; an
     * escape cut by the end of the input before its surrogate half is known counts too (it cannot be told).
     */
    private static boolean referenceLoneSurrogate(byte[] b) {
        int n = b.length;
        for (int i = 0; i < n; i++) {
            if (b[i] != '\\') {
                continue;
            }
            if (i + 1 == n) {
                return true;
            }
            if (b[i + 1] != 'u') {
                i++; // the escaped character
                continue;
            }
            if (i + 2 == n || (b[i + 2] == 'D' || b[i + 2] == 'd') && i + 3 == n) {
                return true;
            }
            if (i + 5 >= n) {
                return false; // "\\u" and a non-surrogate start cut by the end: nothing to find
            }
            char c = (char) Integer.parseInt(new String(b, i + 2, 4, StandardCharsets.US_ASCII), 16);
            if (Character.isLowSurrogate(c)) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 9 < n && b[i + 6] == '\\' && b[i + 7] == 'u' && (b[i + 8] == 'D' || b[i + 8] == 'd')
                        && "cdefCDEF".indexOf(b[i + 9]) >= 0) {
                    i += 11;
                    continue;
                }
                return true;
            }
            i += 5;
        }
        return false;
    }

    private static String describe(byte[] input) {
        StringBuilder sb = new StringBuilder();
        for (byte x : input) {
            sb.append(x >= 0x20 && x < 0x7f ? Character.toString(x) : String.format("<%02X>", x & 0xff));
        }
        return sb.toString();
    }
}
