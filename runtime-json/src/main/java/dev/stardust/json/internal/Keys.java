package dev.stardust.json.internal;

import org.jspecify.annotations.Nullable;

/** Map keys as JSON strings: strings, enums (by name), numbers, booleans and characters; nothing else. */
final class Keys {
    private Keys() {}

    static String of(@Nullable Object k) {
        if (k instanceof String s) {
            return s;
        }
        if (k instanceof CharSequence || k instanceof Number || k instanceof Boolean || k instanceof Character) {
            return k.toString();
        }
        if (k instanceof Enum<?> e) {
            return e.name();
        }
        throw new WriteFailure("ERR_JSON_STRINGIFY", k == null ? "a map key is null"
                : "cannot write a map key of type " + k.getClass().getName() + " as a JSON string");
    }
}
