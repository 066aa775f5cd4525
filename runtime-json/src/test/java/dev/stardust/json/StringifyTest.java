package dev.stardust.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link Json#stringify}: what it writes for each kind of value, its options, and its errors. */
class StringifyTest {
    enum Color { RED }

    record Point(int x, int y, Optional<String> label) {}

    @Test
    void writesPlainValuesCompactly() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", List.of(1, 2L, 2.5, true));
        m.put("a", null);
        m.put("s", "q\"uote\\/\n\u0001é😀");
        assertEquals("{\"b\":[1,2,2.5,true],\"a\":null,\"s\":\"q\\\"uote\\\\/\\n\\u0001é😀\"}", Json.stringify(m));
    }

    @Test
    void writesRecordsEnumsOptionalsArraysAndBigNumbers() {
        assertEquals("{\"x\":1,\"y\":2,\"label\":\"p\"}", Json.stringify(new Point(1, 2, Optional.of("p"))));
        assertEquals("{\"x\":1,\"y\":2,\"label\":null}", Json.stringify(new Point(1, 2, Optional.empty())));
        assertEquals("[\"RED\",[1,2],[true,false],[\"a\",null],[1.5],\"c\"]", Json.stringify(List.of(Color.RED,
                new int[] {1, 2}, new boolean[] {true, false}, new String[] {"a", null}, new double[] {1.5},
                'c')));
        assertEquals("[1e+400,12345678901234567890123,0.1]".toUpperCase().replace("E", "E"),
                Json.stringify(List.of(new BigDecimal("1e400"), new BigInteger("12345678901234567890123"),
                        new BigDecimal("0.1"))).toUpperCase());
        assertEquals("[\"a\",\"b\"]", Json.stringify(new TreeSet<>(List.of("b", "a"))));
        assertEquals("{\"1\":\"one\",\"RED\":true}", Json.stringify(mapOf(1, "one", Color.RED, true)));
        assertEquals("\"sb\"", Json.stringify(new StringBuilder("sb")));
        assertEquals("null", Json.stringify(null));
    }

    @Test
    void beautifiesLikeLuvit() {
        Object v = Json.parse("{\"a\":[1,{}],\"b\":{\"c\":[]}}");
        assertEquals("{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": {\n    \"c\": []\n  }\n}",
                Json.stringify(v, StringifyOptions.pretty()));
        assertEquals("{\n\t\"a\": 1\n}", Json.stringify(Map.of("a", 1),
                StringifyOptions.defaults().withBeautify(true).withIndentString("\t")));
        assertThrows(IllegalArgumentException.class, () -> StringifyOptions.defaults().withIndentString("x"));
    }

    @Test
    void sortsKeysAndEscapesNonAsciiWhenAsked() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", "é😀");
        assertEquals("{\"a\":\"é😀\",\"b\":1}", Json.stringify(m, StringifyOptions.defaults().withSortKeys(true)));
        assertEquals("{\"b\":1,\"a\":\"\\u00E9\\uD83D\\uDE00\"}".toLowerCase(),
                Json.stringify(m, StringifyOptions.defaults().withEscapeNonAscii(true)).toLowerCase());
    }

    @Test
    void cyclesAreErrorsNamingThePath() {
        Map<String, Object> a = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>(Arrays.asList(1, 2, 3));
        Map<String, Object> inner = new LinkedHashMap<>();
        list.add(inner);
        a.put("a", list);
        inner.put("b", a);
        JsonException e = assertThrows(JsonException.class, () -> Json.stringify(a));
        assertEquals("ERR_JSON_STRINGIFY", e.code());
        assertEquals("$.a[3].b", e.path());
        assertEquals(-1, e.line());
    }

    @Test
    void unsupportedValuesAreErrorsNamingThePath() {
        JsonException e = assertThrows(JsonException.class,
                () -> Json.stringify(Map.of("when", List.of(new Object()))));
        assertEquals("ERR_JSON_STRINGIFY", e.code());
        assertEquals("$.when[0]", e.path());
        assertEquals("$[\"odd key\"]", assertThrows(JsonException.class,
                () -> Json.stringify(Map.of("odd key", Double.NaN))).path());
        assertEquals("$", assertThrows(JsonException.class,
                () -> Json.stringify(mapOf(new Object(), 1))).path());
    }

    @Test
    void nestingBeyondTheLimitIsAnErrorEvenOnASmallStack() throws InterruptedException {
        List<Object> deep = new ArrayList<>();
        List<Object> cur = deep;
        for (int i = 0; i < 100_000; i++) {
            List<Object> next = new ArrayList<>();
            cur.add(next);
            cur = next;
        }
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                Json.stringify(deep);
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        assertEquals("ERR_JSON_DEPTH", ((JsonException) thrown.get()).code());
    }

    @Test
    void bytesAndStringsAgreeAndDoublesAreShortest() {
        Object tree = Json.parse("{\"s\":\"é😀\\n\",\"n\":[1,2.5,2e23,1e-7,0.1,-0.0],\"big\":" + "9".repeat(30) + "}");
        String text = Json.stringify(tree);
        assertEquals("{\"s\":\"é😀\\n\",\"n\":[1,2.5,2.0E23,1.0E-7,0.1,-0.0],\"big\":" + "9".repeat(30) + "}", text);
        assertEquals(text, new String(Json.stringifyToBytes(tree, StringifyOptions.defaults()),
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(tree, Json.parse(text));
    }

    @Test
    void doublesAreWrittenAsJacksonsShortestFormWhicheverPathWritesThem() {
        java.util.Random random = new java.util.Random(1);
        List<Double> values = new ArrayList<>(List.of(0.001, 0.0009999999999999998, 9999999.999999998, 1e7, 0.1,
                0.30000000000000004, 123.456, -42.5, 1.0, 100.0, 5e-324, Double.MAX_VALUE, 2e23, 0.07, 1234567.0));
        for (int i = 0; i < 20_000; i++) {
            int places = random.nextInt(10);
            double scale = Math.pow(10, places);
            values.add(Math.round(random.nextGaussian() * Math.pow(10, random.nextInt(9))) / scale);
            values.add(random.nextDouble() * Math.pow(10, random.nextInt(12) - 4));
        }
        for (double d : values) {
            String expected = tools.jackson.core.io.NumberOutput.toString(d, true);
            assertEquals("[" + expected + "]", Json.stringify(List.of(d)), () -> "for " + expected);
            assertEquals(d, ((List<?>) Json.parse(Json.stringify(List.of(d)))).get(0));
        }
    }

    @Test
    void largeOutputSpanningManyBlocksIsWholeAndAgreesInBothForms() {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", (long) i);
            m.put("text", i % 3 == 0 ? "plain ascii " + i : i % 3 == 1 ? "café " + i : "日本語 😀 " + i);
            m.put("x", i / 8.0);
            items.add(m);
        }
        String text = Json.stringify(items);
        assertEquals(true, text.length() > 500_000, "several blocks: " + text.length());
        assertEquals(items, Json.parse(text));
        assertEquals(text, new String(Json.stringifyToBytes(items, StringifyOptions.defaults()),
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("[]", Json.stringify(List.of())); // and the kept block starts clean for the next call
    }

    @Test
    void aLoneSurrogateIsEscapedInUtf8Output() {
        // a Java string may hold one; UTF-8 cannot, so it is written as an escape (node's well-formed stringify)
        assertEquals("[\"a\\uD800b\"]", new String(Json.stringifyToBytes(List.of("a\uD800b"),
                StringifyOptions.defaults()), java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static Map<Object, Object> mapOf(Object k1, Object v1) {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        return m;
    }

    private static Map<Object, Object> mapOf(Object k1, Object v1, Object k2, Object v2) {
        Map<Object, Object> m = mapOf(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
