package dev.stardust.json;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Json#parse(String, ParseOptions)} and {@link JsonStreamParser} read JSON: immutable, each
 * {@code withX} returns a copy. {@link #strict()} (the default) accepts exactly RFC 8259 JSON and rejects
 * duplicate keys; {@link #lenient()} is luvit's yajl-like reading with comments, trailing commas and single quotes.
 * The limits guard against hostile input; each one exceeded fails with {@code ERR_JSON_LIMIT} (depth with
 * {@code ERR_JSON_DEPTH}).
 */
public final class ParseOptions {
    private static final ParseOptions STRICT = new ParseOptions(false, false, false, DuplicateKeys.REJECT, 500, 1_000,
            20_000_000, 64L * 1024 * 1024);

    private final boolean comments;
    private final boolean trailingCommas;
    private final boolean singleQuotes;
    private final DuplicateKeys duplicateKeys;
    private final int maxDepth;
    private final int maxNumberLength;
    private final int maxStringLength;
    private final long maxDocumentLength;

    private ParseOptions(boolean comments, boolean trailingCommas, boolean singleQuotes, DuplicateKeys duplicateKeys,
            int maxDepth, int maxNumberLength, int maxStringLength, long maxDocumentLength) {
        this.comments = comments;
        this.trailingCommas = trailingCommas;
        this.singleQuotes = singleQuotes;
        this.duplicateKeys = duplicateKeys;
        this.maxDepth = maxDepth;
        this.maxNumberLength = maxNumberLength;
        this.maxStringLength = maxStringLength;
        this.maxDocumentLength = maxDocumentLength;
    }

    /**
     * RFC 8259 and nothing more, duplicate keys rejected; limits: depth 500, numbers of 1,000 characters,
     * strings of 20,000,000 characters, documents of 64 MiB.
     */
    public static ParseOptions strict() {
        return STRICT;
    }

    /** Strict's limits, plus {@code //} and {@code /* *}{@code /} comments, trailing commas, single quotes, last key wins. */
    public static ParseOptions lenient() {
        return STRICT.withComments(true).withTrailingCommas(true).withSingleQuotes(true)
                .withDuplicateKeys(DuplicateKeys.KEEP_LAST);
    }

    /** Whether {@code //} and {@code /* *}{@code /} comments are skipped (luvit's yajl allowed them). */
    public boolean comments() {
        return comments;
    }

    /** Options allowing or refusing comments. */
    public ParseOptions withComments(boolean allow) {
        return new ParseOptions(allow, trailingCommas, singleQuotes, duplicateKeys, maxDepth, maxNumberLength,
                maxStringLength, maxDocumentLength);
    }

    /** Whether one trailing comma is allowed before {@code ]} and {@code }}. */
    public boolean trailingCommas() {
        return trailingCommas;
    }

    /** Options allowing or refusing trailing commas. */
    public ParseOptions withTrailingCommas(boolean allow) {
        return new ParseOptions(comments, allow, singleQuotes, duplicateKeys, maxDepth, maxNumberLength,
                maxStringLength, maxDocumentLength);
    }

    /** Whether strings and keys may be written in {@code 'single quotes'}. */
    public boolean singleQuotes() {
        return singleQuotes;
    }

    /** Options allowing or refusing single-quoted strings. */
    public ParseOptions withSingleQuotes(boolean allow) {
        return new ParseOptions(comments, trailingCommas, allow, duplicateKeys, maxDepth, maxNumberLength,
                maxStringLength, maxDocumentLength);
    }

    /** What happens to a key seen twice in one object. */
    public DuplicateKeys duplicateKeys() {
        return duplicateKeys;
    }

    /** Options with another duplicate-key policy. */
    public ParseOptions withDuplicateKeys(DuplicateKeys policy) {
        return new ParseOptions(comments, trailingCommas, singleQuotes, Objects.requireNonNull(policy), maxDepth,
                maxNumberLength, maxStringLength, maxDocumentLength);
    }

    /** How many arrays and objects may be open at once; deeper input fails with {@code ERR_JSON_DEPTH}. */
    public int maxDepth() {
        return maxDepth;
    }

    /** Options with another nesting limit (at least 1). */
    public ParseOptions withMaxDepth(int depth) {
        return new ParseOptions(comments, trailingCommas, singleQuotes, duplicateKeys, positive("maxDepth", depth),
                maxNumberLength, maxStringLength, maxDocumentLength);
    }

    /** The longest number literal accepted, in characters. */
    public int maxNumberLength() {
        return maxNumberLength;
    }

    /** Options with another number length limit (at least 1). */
    public ParseOptions withMaxNumberLength(int length) {
        return new ParseOptions(comments, trailingCommas, singleQuotes, duplicateKeys, maxDepth,
                positive("maxNumberLength", length), maxStringLength, maxDocumentLength);
    }

    /** The longest string or key accepted, in characters. */
    public int maxStringLength() {
        return maxStringLength;
    }

    /** Options with another string length limit (at least 1). */
    public ParseOptions withMaxStringLength(int length) {
        return new ParseOptions(comments, trailingCommas, singleQuotes, duplicateKeys, maxDepth, maxNumberLength,
                positive("maxStringLength", length), maxDocumentLength);
    }

    /**
     * The largest document accepted, in bytes (characters for a {@code String}); for {@link JsonStreamParser},
     * the largest single emitted value, so that an endless stream of small values is fine.
     */
    public long maxDocumentLength() {
        return maxDocumentLength;
    }

    /** Options with another document size limit (at least 1). */
    public ParseOptions withMaxDocumentLength(long length) {
        if (length < 1) {
            throw new IllegalArgumentException("maxDocumentLength must be at least 1, got " + length);
        }
        return new ParseOptions(comments, trailingCommas, singleQuotes, duplicateKeys, maxDepth, maxNumberLength,
                maxStringLength, length);
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
        return value;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ParseOptions p && comments == p.comments && trailingCommas == p.trailingCommas
                && singleQuotes == p.singleQuotes && duplicateKeys == p.duplicateKeys && maxDepth == p.maxDepth
                && maxNumberLength == p.maxNumberLength && maxStringLength == p.maxStringLength
                && maxDocumentLength == p.maxDocumentLength;
    }

    @Override
    public int hashCode() {
        return Objects.hash(comments, trailingCommas, singleQuotes, duplicateKeys, maxDepth, maxNumberLength,
                maxStringLength, maxDocumentLength);
    }

    @Override
    public String toString() {
        return "ParseOptions[comments=" + comments + ", trailingCommas=" + trailingCommas + ", singleQuotes="
                + singleQuotes + ", duplicateKeys=" + duplicateKeys + ", maxDepth=" + maxDepth + ", maxNumberLength="
                + maxNumberLength + ", maxStringLength=" + maxStringLength + ", maxDocumentLength="
                + maxDocumentLength + "]";
    }
}
