package dev.stardust.http.internal;

import io.netty.util.AsciiString;

/**
 * {@code Content-Length} values as ready-made ASCII strings for the small bodies most responses have, so a response
 * neither formats a number nor has its header value encoded character by character. Each is made the first time a
 * response needs it: a server keeps only the lengths it actually sends.
 */
final class ContentLengths {
    private static final AsciiString[] SMALL = new AsciiString[4096];

    private ContentLengths() {
    }

    /** {@code length} as header text. Loop threads may race to fill a slot; each fills it with an equal value. */
    static CharSequence of(int length) {
        if (length < 0 || length >= SMALL.length) {
            return Integer.toString(length);
        }
        AsciiString text = SMALL[length];
        if (text == null) {
            text = AsciiString.cached(Integer.toString(length));
            SMALL[length] = text;
        }
        return text;
    }
}
