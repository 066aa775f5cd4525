package dev.stardust.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link Json#parse}: the values it gives, the options it takes, the errors it reports. */
class ParseTest {

    @Test
    void objectsAreInsertionOrderedMapsAndArraysAreLists() {
        Object v = Json.parse("{\"b\":1,\"a\":[true,false,null,\"s\"]}");
        Map<?, ?> m = assertInstanceOf(Map.class, v);
        assertEquals(List.of("b", "a"), List.copyOf(m.keySet()));
        assertInstanceOf(ArrayList.class, m.get("a"));
        assertEquals(Arrays.asList(true, false, null, "s"), m.get("a"));
    }

    @Test
    void integersAreLongsOrBigIntegersBySize() {
        assertEquals(List.of(0L, -0L, 9223372036854775807L, -9223372036854775808L,
                new BigInteger("9223372036854775808"), new BigInteger("-9223372036854775809")),
                Json.parse("[0,-0,9223372036854775807,-9223372036854775808,9223372036854775808,-9223372036854775809]"));
    }

    @Test
    void decimalsAreDoublesUnlessThatWouldLosePrecision() {
        assertEquals(List.of(0.1, 1.5e300, -0.0, 100.0, 4.9e-324, 0.30000000000000004),
                Json.parse("[0.1, 1.5e300, -0.0, 1E2, 4.9e-324, 0.30000000000000004]"));
        assertEquals(List.of(new BigDecimal("1e400"), new BigDecimal("0.10000000000000000001"),
                new BigDecimal("1e-400"), new BigDecimal("3.14159265358979323846")),
                Json.parse("[1e400, 0.10000000000000000001, 1e-400, 3.14159265358979323846]"));
    }

    @Test
    void bytesStringsAndStreamsParseAlike() {
        String text = "{\"k\":[1,2.5,\"é\"]}";
        Object expected = Json.parse(text);
        assertEquals(expected, Json.parse(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, Json.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
        assertNull(Json.parse(" null "));
    }

    @Test
    void strictModeRefusesWhatLenientModeAllows() {
        String text = "// luvit config\n{'a': 1, /* two */ \"b\": [2,],}";
        assertEquals(Map.of("a", 1L, "b", List.of(2L)), Json.parse(text, ParseOptions.lenient()));
        assertThrows(JsonException.class, () -> Json.parse(text));
        assertThrows(JsonException.class, () -> Json.parse("[1,]"));
        assertEquals(List.of(1L), Json.parse("[1,]", ParseOptions.strict().withTrailingCommas(true)));
        assertThrows(JsonException.class, () -> Json.parse("['a']"));
        assertEquals(List.of("a"), Json.parse("['a']", ParseOptions.strict().withSingleQuotes(true)));
        assertThrows(JsonException.class, () -> Json.parse("[1 /* c */]"));
        assertEquals(List.of(1L), Json.parse("[1 /* c */]", ParseOptions.strict().withComments(true)));
    }

    @Test
    void duplicateKeysFollowThePolicy() {
        String text = "{\"a\":1,\"a\":null}";
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
        assertEquals("ERR_JSON_DUPLICATE_KEY", e.code());
        assertEquals("$.a", e.path());
        assertEquals(8, e.column());
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("a", null);
        assertEquals(last, Json.parse(text, ParseOptions.strict().withDuplicateKeys(DuplicateKeys.KEEP_LAST)));
        assertEquals(Map.of("a", 1L), Json.parse(text, ParseOptions.strict().withDuplicateKeys(DuplicateKeys.KEEP_FIRST)));
    }

    @Test
    void errorsSayWhereWithLineColumnOffsetPathAndExcerpt() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\n  \"a\": [1, 2, {\"b\": tru}]\n}"));
        assertEquals("ERR_JSON_PARSE", e.code());
        assertEquals(2, e.line());
        assertEquals(21, e.column());
        assertEquals(22, e.offset());
        assertEquals("$.a[2].b", e.path());
        assertTrue(e.excerpt().contains("{\"b\": tru}"), e.excerpt());
        assertTrue(e.getMessage().startsWith("ERR_JSON_PARSE: "), e.getMessage());
        assertTrue(e.getMessage().contains("line 2, column 21"), e.getMessage());
    }

    @Test
    void oneDocumentHoldsOneValue() {
        assertEquals("ERR_JSON_PARSE", assertThrows(JsonException.class, () -> Json.parse("[1] [2]")).code());
        assertEquals("ERR_JSON_PARSE", assertThrows(JsonException.class, () -> Json.parse("{} x")).code());
        assertEquals("ERR_JSON_PARSE", assertThrows(JsonException.class, () -> Json.parse("   ")).code());
        assertEquals("ERR_JSON_PARSE", assertThrows(JsonException.class, () -> Json.parse("[1")).code());
    }

    @Test
    void limitsHaveSafeDefaultsAndCanBeChanged() {
        String deep = "[".repeat(501) + "]".repeat(501);
        assertEquals("ERR_JSON_DEPTH", assertThrows(JsonException.class, () -> Json.parse(deep)).code());
        Json.parse(deep, ParseOptions.strict().withMaxDepth(501));
        assertEquals("ERR_JSON_LIMIT", assertThrows(JsonException.class,
                () -> Json.parse("[" + "1".repeat(1001) + "]")).code());
        assertEquals("ERR_JSON_LIMIT", assertThrows(JsonException.class,
                () -> Json.parse("\"abcdef\"", ParseOptions.strict().withMaxStringLength(5))).code());
        assertEquals("ERR_JSON_LIMIT", assertThrows(JsonException.class,
                () -> Json.parse("[1, 2, 3, 4]".getBytes(StandardCharsets.UTF_8),
                        ParseOptions.strict().withMaxDocumentLength(8))).code());
        assertEquals("ERR_JSON_LIMIT", assertThrows(JsonException.class,
                () -> Json.parse(new ByteArrayInputStream(new byte[100_000]),
                        ParseOptions.strict().withMaxDocumentLength(10_000))).code());
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflowEvenOnASmallStack() throws InterruptedException {
        byte[] deep = "[".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        String deepObjects = "{\"a\":".repeat(100_000);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                Json.parse(deep, ParseOptions.strict().withMaxDepth(5_000));
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        assertEquals("ERR_JSON_DEPTH", assertInstanceOf(JsonException.class, thrown.get()).code());

        Thread u = new Thread(null, () -> {
            try {
                JsonStreamParser p = JsonStreamParser.document(ParseOptions.strict(), v -> {});
                p.feed(deepObjects.getBytes(StandardCharsets.UTF_8));
                p.end();
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "small-stack", 256 * 1024);
        u.start();
        u.join();
        assertEquals("ERR_JSON_DEPTH", assertInstanceOf(JsonException.class, thrown.get()).code());
    }

    @Test
    void optionsAreImmutableValues() {
        ParseOptions strict = ParseOptions.strict();
        ParseOptions comments = strict.withComments(true);
        assertEquals(false, strict.comments());
        assertEquals(true, comments.comments());
        assertEquals(comments, ParseOptions.strict().withComments(true));
        assertThrows(IllegalArgumentException.class, () -> strict.withMaxDepth(0));
    }
}
