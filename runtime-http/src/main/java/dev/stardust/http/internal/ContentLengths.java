package dev.stardust.http.internal;

import io.netty.util.AsciiString;

/**
 * {@code Content-Length} values as ready-made ASCII strings for the small bodies most responses have, so a response
 * neither formats a number nor has its header value encoded character by character.
 */
final class ContentLengths {
    private static final AsciiString[] SMALL = new AsciiString[4096];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = AsciiString.cached(Integer.toString(i));
        }
    }

    private ContentLengths() {
    }

    /** {@code length} as header text. */
    static CharSequence of(int length) {
        return length >= 0 && length < SMALL.length ? SMALL[length] : Integer.toString(length);
    }
}
