package dev.stardust.http;

import java.util.Random;

/** Random header names and values for the decoding properties: legal text, from a given seed. */
final class RandomFields {
    /** The characters of an RFC 9110 token: header names. */
    static final String TOKEN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~";

    private RandomFields() {
    }

    /** A field value of up to 20 visible ASCII characters with inner spaces, trimmed as a decoder trims it. */
    static String value(Random r) {
        StringBuilder v = new StringBuilder();
        for (int i = r.nextInt(20); i > 0; i--) {
            v.append((char) (0x21 + r.nextInt(0x7e - 0x21 + 1)));
            if (r.nextInt(6) == 0) {
                v.append(' ');
            }
        }
        return v.toString().strip();
    }

    /** {@code length} characters drawn from {@code chars}. */
    static String pick(Random r, String chars, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(chars.charAt(r.nextInt(chars.length())));
        }
        return sb.toString();
    }
}
