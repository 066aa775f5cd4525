package dev.stardust.json.internal;

/**
 * Rejects strings that are not valid Unicode: a high surrogate not followed by a low one, or a low one alone.
 * jackson-core passes escaped lone surrogates ({@code "\uD800"}) in values through but refuses them in keys; we
 * refuse both, so that every parsed string can be encoded as UTF-8.
 */
final class Strings {
    private Strings() {}

    /** The index of the first unpaired surrogate in {@code s}, or -1. */
    static int unpairedSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= '\uD800' && c <= '\uDFFF') {
                if (c <= '\uDBFF' && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }
}
