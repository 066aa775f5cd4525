package dev.stardust.json;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Json#stringify(Object, StringifyOptions)} writes: immutable, each {@code withX} returns a copy. The
 * names follow luvit's {@code {beautify = true, indent_string = "  "}}; the default is compact output, keys in the
 * map's own order, non-ASCII characters written as they are, nesting up to 500 levels.
 */
public final class StringifyOptions {
    private static final StringifyOptions DEFAULTS = new StringifyOptions(false, "  ", false, false, 500);

    private final boolean beautify;
    private final String indentString;
    private final boolean sortKeys;
    private final boolean escapeNonAscii;
    private final int maxDepth;

    private StringifyOptions(boolean beautify, String indentString, boolean sortKeys, boolean escapeNonAscii,
            int maxDepth) {
        this.beautify = beautify;
        this.indentString = indentString;
        this.sortKeys = sortKeys;
        this.escapeNonAscii = escapeNonAscii;
        this.maxDepth = maxDepth;
    }

    /** Compact output, as node's {@code JSON.stringify(value)}. */
    public static StringifyOptions defaults() {
        return DEFAULTS;
    }

    /** Beautified with two spaces, as node's {@code JSON.stringify(value, null, 2)}. */
    public static StringifyOptions pretty() {
        return DEFAULTS.withBeautify(true);
    }

    /** Whether output is indented, one member or element per line (luvit's {@code beautify}). */
    public boolean beautify() {
        return beautify;
    }

    /** Options with beautifying on or off. */
    public StringifyOptions withBeautify(boolean on) {
        return new StringifyOptions(on, indentString, sortKeys, escapeNonAscii, maxDepth);
    }

    /** One level of indentation when beautifying (luvit's {@code indent_string}); two spaces by default. */
    public String indentString() {
        return indentString;
    }

    /** Options with another indentation, which must be whitespace only (spaces, tabs). */
    public StringifyOptions withIndentString(String indent) {
        if (!indent.chars().allMatch(c -> c == ' ' || c == '\t')) {
            throw new IllegalArgumentException("indentString must be spaces and tabs only");
        }
        return new StringifyOptions(beautify, indent, sortKeys, escapeNonAscii, maxDepth);
    }

    /** Whether object keys are written in sorted order (by {@link String#compareTo}) rather than the map's. */
    public boolean sortKeys() {
        return sortKeys;
    }

    /** Options with key sorting on or off. */
    public StringifyOptions withSortKeys(boolean on) {
        return new StringifyOptions(beautify, indentString, on, escapeNonAscii, maxDepth);
    }

    /** Whether characters beyond ASCII are written as {@code \}{@code uXXXX} escapes, for 7-bit-safe output. */
    public boolean escapeNonAscii() {
        return escapeNonAscii;
    }

    /** Options with non-ASCII escaping on or off. */
    public StringifyOptions withEscapeNonAscii(boolean on) {
        return new StringifyOptions(beautify, indentString, sortKeys, on, maxDepth);
    }

    /** How deeply values may nest; deeper values fail with {@code ERR_JSON_DEPTH}. */
    public int maxDepth() {
        return maxDepth;
    }

    /** Options with another nesting limit (1 to 10,000; deep writing recurses). */
    public StringifyOptions withMaxDepth(int depth) {
        if (depth < 1 || depth > 10_000) {
            throw new IllegalArgumentException("maxDepth must be between 1 and 10000, got " + depth);
        }
        return new StringifyOptions(beautify, indentString, sortKeys, escapeNonAscii, depth);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof StringifyOptions s && beautify == s.beautify && indentString.equals(s.indentString)
                && sortKeys == s.sortKeys && escapeNonAscii == s.escapeNonAscii && maxDepth == s.maxDepth;
    }

    @Override
    public int hashCode() {
        return Objects.hash(beautify, indentString, sortKeys, escapeNonAscii, maxDepth);
    }

    @Override
    public String toString() {
        return "StringifyOptions[beautify=" + beautify + ", indentString=\"" + indentString + "\", sortKeys="
                + sortKeys + ", escapeNonAscii=" + escapeNonAscii + ", maxDepth=" + maxDepth + "]";
    }
}
