package dev.stardust.json.internal;

import dev.stardust.json.JsonException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;

/** Builds {@link JsonException}s with line, column, offset, path and excerpt from jackson's failures and ours. */
public final class Errors {
    /** Converts a failure of jackson's parser while {@code builder} was building. */
    public static JsonException fromJackson(JacksonException e, TreeBuilder builder) {
        String code = "ERR_JSON_PARSE";
        if (e instanceof StreamConstraintsException) {
            code = e.getOriginalMessage().contains("nesting depth") ? "ERR_JSON_DEPTH" : "ERR_JSON_LIMIT";
        }
        String name = null;
        if (e.processor() instanceof JsonParser p && p.streamReadContext() != null) {
            name = p.streamReadContext().currentName();
        }
        return at(code, reason(e), e.getLocation(), builder.path(name), builder.window());
    }

    /** An error of {@code code} at a location of the input. */
    public static JsonException at(String code, String reason, @Nullable TokenStreamLocation loc, String path,
            InputWindow window) {
        if (loc == null || loc == TokenStreamLocation.NA) {
            return new JsonException(code, reason, -1, -1, -1, path, "");
        }
        long offset = loc.getByteOffset() >= 0 ? loc.getByteOffset() : loc.getCharOffset();
        // jackson counts a column of 0 before the first byte of a line (an empty input); ours are 1-based
        return new JsonException(code, reason, loc.getLineNr(), Math.max(1, loc.getColumnNr()), offset, path,
                window.around(offset));
    }

    static JsonException unexpected(JsonParser p, String reason, TreeBuilder builder) {
        return at("ERR_JSON_PARSE", reason, p.currentTokenLocation(), builder.path(), builder.window());
    }

    /** An error found at the end of the input (the value is missing there): placed after the last byte read. */
    static JsonException atEnd(JsonParser p, String reason, TreeBuilder builder) {
        return at("ERR_JSON_PARSE", reason, p.currentLocation(), builder.path(), builder.window());
    }

    static JsonException duplicateKey(JsonParser p, String key, TreeBuilder builder) {
        return at("ERR_JSON_DUPLICATE_KEY", "duplicate key \"" + key + "\"", p.currentTokenLocation(),
                builder.path(), builder.window());
    }

    private static String reason(JacksonException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
