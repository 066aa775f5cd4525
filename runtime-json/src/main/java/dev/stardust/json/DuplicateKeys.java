package dev.stardust.json;

/** What {@link Json#parse(String, ParseOptions)} does when an object names the same key twice. */
public enum DuplicateKeys {
    /** Fail with {@code ERR_JSON_DUPLICATE_KEY}: the strict default, since RFC 8259 leaves the meaning undefined. */
    REJECT,
    /** Keep the first value, ignore later ones. */
    KEEP_FIRST,
    /** Keep the last value, as JavaScript's {@code JSON.parse} and luvit's yajl do. */
    KEEP_LAST
}
