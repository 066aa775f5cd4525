package dev.stardust.json;

import dev.stardust.StardustException;

/**
 * Invalid JSON, a limit exceeded, or a value that cannot be written, with where it happened: line, column and
 * offset in the input, the JSON path ({@code $.a[3].b}) and a short excerpt of the input around the error. Codes:
 * {@code ERR_JSON_PARSE} (syntax, encoding), {@code ERR_JSON_DEPTH} (nesting limit), {@code ERR_JSON_LIMIT} (other
 * limits), {@code ERR_JSON_DUPLICATE_KEY}, {@code ERR_JSON_STRINGIFY} (cycles, unsupported types); node's
 * {@code JSON.parse} throws a {@code SyntaxError} instead.
 */
public final class JsonException extends StardustException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int line;
    private final int column;
    private final long offset;
    private final String path;
    private final String excerpt;

    /**
     * An error at a place in the input; {@code line}, {@code column} and {@code offset} are -1 when unknown (as for
     * {@code stringify}), {@code excerpt} empty.
     */
    public JsonException(String code, String reason, int line, int column, long offset, String path, String excerpt) {
        super(code, describe(reason, line, column, offset, path, excerpt));
        this.reason = reason;
        this.line = line;
        this.column = column;
        this.offset = offset;
        this.path = path;
        this.excerpt = excerpt;
    }

    private static String describe(String reason, int line, int column, long offset, String path, String excerpt) {
        StringBuilder sb = new StringBuilder(reason);
        if (line >= 0) {
            sb.append(" at line ").append(line).append(", column ").append(column).append(" (offset ").append(offset)
                    .append(')');
        }
        sb.append(line >= 0 ? ", path " : " at path ").append(path);
        if (!excerpt.isEmpty()) {
            sb.append(", near: ").append(excerpt);
        }
        return sb.toString();
    }

    /** What went wrong, without the location. */
    public String reason() {
        return reason;
    }

    /** The 1-based line of the error, or -1 when there is no input. */
    public int line() {
        return line;
    }

    /** The 1-based column of the error, counted in input units (bytes for byte input), or -1. */
    public int column() {
        return column;
    }

    /** The 0-based offset of the error from the start of the input (bytes, or characters for a String), or -1. */
    public long offset() {
        return offset;
    }

    /** The JSON path of the value being read or written, such as {@code $.a[3].b}; {@code $} is the root. */
    public String path() {
        return path;
    }

    /** Up to about 40 characters of the input around the error, control characters escaped; may be empty. */
    public String excerpt() {
        return excerpt;
    }
}
