package dev.stardust.json;

/**
 * What a parse stream ({@link Json#createParseStream(JsonStreamMode, ParseOptions)}) emits, the three shapes of
 * {@link JsonStreamParser}: as node's {@code ndjson.parse()}, {@code JSONStream.parse('*')} and a whole body.
 */
public enum JsonStreamMode {
    /** Every top-level value of values separated by whitespace, NDJSON ({@link JsonStreamParser#values}). */
    VALUES,
    /** Every element of one top-level array ({@link JsonStreamParser#arrayElements}). */
    ARRAY_ELEMENTS,
    /** The one value of the whole input, at its end ({@link JsonStreamParser#document}). */
    DOCUMENT
}
