package dev.stardust.json.internal;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The part of the input still at hand when an error is reported, to quote around the error's offset: the whole
 * input for {@code parse}, the current chunk for a stream.
 */
public final class InputWindow {
    private static final int RADIUS = 20;
    private static final InputWindow NONE = new InputWindow(null, null, 0, 0, 0);

    private final byte @Nullable [] bytes;
    private final @Nullable CharSequence chars;
    private final int from;
    private final int to;
    private final long base;

    private InputWindow(byte @Nullable [] bytes, @Nullable CharSequence chars, int from, int to, long base) {
        this.bytes = bytes;
        this.chars = chars;
        this.from = from;
        this.to = to;
        this.base = base;
    }

    /** Bytes {@code [from, to)} of an array, the first of them at input offset {@code base}. */
    public static InputWindow of(byte[] bytes, int from, int to, long base) {
        return new InputWindow(bytes, null, from, to, base);
    }

    /** A whole character input. */
    public static InputWindow of(CharSequence chars) {
        return new InputWindow(null, chars, 0, chars.length(), 0);
    }

    /** Nothing to quote. */
    public static InputWindow none() {
        return NONE;
    }

    /** Up to {@value #RADIUS} units either side of {@code offset}, control characters escaped; "" if out of range. */
    String around(long offset) {
        if (offset < 0 || (bytes == null && chars == null)) {
            return "";
        }
        long local = offset - base + from;
        if (local < from || local > to) {
            return "";
        }
        int start = (int) Math.max(from, local - RADIUS);
        int end = (int) Math.min(to, local + RADIUS);
        String text = bytes != null
                ? new String(bytes, start, end - start, StandardCharsets.UTF_8)
                : chars.subSequence(start, end).toString();
        StringBuilder sb = new StringBuilder(text.length() + 8);
        if (start > from || base > 0) {
            sb.append('…');
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        if (end < to) {
            sb.append('…');
        }
        return sb.toString();
    }
}
