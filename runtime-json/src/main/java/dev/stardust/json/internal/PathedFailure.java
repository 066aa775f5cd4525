package dev.stardust.json.internal;

import java.util.ArrayDeque;

/**
 * A stringify failure on its way out of the recursion: each container level it leaves prepends its path segment,
 * so the final {@code JsonException} names {@code $.a[3].b} without the writer tracking paths as it goes.
 */
final class PathedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String code;
    private final ArrayDeque<String> segments = new ArrayDeque<>();

    PathedFailure(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    PathedFailure under(String segment) {
        segments.addFirst(segment);
        return this;
    }

    String path() {
        return "$" + String.join("", segments);
    }
}
