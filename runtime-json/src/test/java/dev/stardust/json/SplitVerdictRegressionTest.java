package dev.stardust.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shrunk samples with which {@link JsonStreamParserProperties} found split-dependent verdicts (issue 20), kept
 * as plain regressions: each input is fed whole and one byte at a time and must fail the same way.
 */
class SplitVerdictRegressionTest {

    /** Fed byte by byte, a top-level scalar was never sized (the count restarted after every piece): accepted. */
    @Test
    void aTopLevelScalarOverTheValueLimitIsRefusedHoweverItArrives() {
        ParseOptions limit = ParseOptions.lenient().withMaxDocumentLength(1);
        byte[] input = "\tnull\r\n\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals("ERR_JSON_LIMIT", code(input, input.length, limit));
        assertEquals("ERR_JSON_LIMIT", code(input, 1, limit));
    }

    /** Blank lines between values count for no value, however they are split. */
    @Test
    void blanksBetweenValuesCountForNone() {
        ParseOptions limit = ParseOptions.strict().withMaxDocumentLength(4); // "ab" with its quotes
        byte[] input = ("1" + " ".repeat(100) + "\"ab\"\n").getBytes(StandardCharsets.US_ASCII);
        for (int chunk : new int[] {input.length, 1, 7}) {
            List<Object> values = new ArrayList<>();
            JsonStreamParser p = JsonStreamParser.values(limit, values::add);
            feed(p, input, chunk);
            p.end();
            assertEquals(List.of(1L, "ab"), values, "chunks of " + chunk);
        }
    }

    /** Fed whole, the syntax error past the document limit was reached (PARSE); fed bytewise, the limit (LIMIT). */
    @Test
    void theLimitIsFoundBeforeAnyFaultBeyondIt() {
        ParseOptions limit = ParseOptions.strict().withMaxDocumentLength(2);
        byte[] input = "[1,x]".getBytes(StandardCharsets.US_ASCII);
        assertEquals("ERR_JSON_LIMIT", code(input, input.length, limit));
        assertEquals("ERR_JSON_LIMIT", code(input, 1, limit));
        JsonException e = assertThrows(JsonException.class, () -> {
            JsonStreamParser p = JsonStreamParser.document(limit, v -> { });
            p.feed(input);
        });
        assertEquals(2, e.offset(), "the first byte beyond the limit, whatever the split");
    }

    /** jackson counts column 0 before the first byte; ours are 1-based, and the offset is never -1 for bytes. */
    @Test
    void anEmptyInputIsRefusedAtLineOneColumnOne() {
        JsonException parsed = assertThrows(JsonException.class, () -> Json.parse(new byte[0]));
        assertEquals(List.of(1, 1, 0L), List.of(parsed.line(), parsed.column(), parsed.offset()));
        JsonStreamParser p = JsonStreamParser.document(ParseOptions.strict(), v -> { });
        JsonException streamed = assertThrows(JsonException.class, p::end);
        assertEquals(List.of(1, 1, 0L), List.of(streamed.line(), streamed.column(), streamed.offset()));
    }

    private static String code(byte[] input, int chunk, ParseOptions options) {
        JsonStreamParser p = JsonStreamParser.values(options, v -> { });
        JsonException e = assertThrows(JsonException.class, () -> {
            feed(p, input, chunk);
            p.end();
        });
        return e.code();
    }

    private static void feed(JsonStreamParser p, byte[] input, int chunk) {
        for (int i = 0; i < input.length; i += chunk) {
            p.feed(input, i, Math.min(chunk, input.length - i));
        }
    }
}
