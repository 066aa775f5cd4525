package dev.stardust.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The values {@code Json.parse} builds behave as the collections they stand for: parsed objects as a mutable,
 * insertion-ordered {@code LinkedHashMap} at every size, numbers in their cheapest exact form; and the checks the
 * fast paths skip still happen where they are needed (duplicates, surrogates, invalid UTF-8).
 */
class ParsedValuesTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String json) {
        return (Map<String, Object>) Json.parse(json);
    }

    private static String members(int n) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return sb.append('}').toString();
    }

    @Test
    void parsedObjectsBehaveAsLinkedHashMapsSmallAndLarge() {
        for (int n : new int[] {0, 1, 5, 12, 13, 40, 1000}) {
            Map<String, Object> parsed = object(members(n));
            Map<String, Object> expected = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                expected.put("k" + i, (long) i);
            }
            assertEquals(expected, parsed);
            assertEquals(parsed, expected);
            assertEquals(expected.hashCode(), parsed.hashCode());
            assertEquals(expected.toString(), parsed.toString());
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(parsed.keySet()));
            for (int i = 0; i < n; i++) {
                assertEquals((long) i, parsed.get("k" + i));
                assertTrue(parsed.containsKey(new String("k" + i))); // equal, not the same instance
            }
            assertFalse(parsed.containsKey("missing"));
            assertNull(parsed.get(42));
        }
    }

    @Test
    void parsedObjectsAreMutableAndKeepInsertionOrder() {
        for (int n : new int[] {3, 12, 30}) {
            Map<String, Object> parsed = object(members(n));
            Map<String, Object> expected = new LinkedHashMap<>(parsed);
            assertEquals(1L, parsed.put("k1", "one"));
            expected.put("k1", "one");
            assertNull(parsed.put("new", null));
            expected.put("new", null);
            assertTrue(parsed.containsKey("new"));
            assertEquals(0L, parsed.remove("k0"));
            expected.remove("k0");
            assertEquals(expected, parsed);
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(parsed.keySet()));
            for (Map.Entry<String, Object> e : parsed.entrySet()) {
                if (e.getKey().equals("k2")) {
                    e.setValue("two");
                }
            }
            expected.put("k2", "two");
            Iterator<String> it = parsed.keySet().iterator();
            it.next();
            it.remove(); // the first remaining key
            expected.remove(expected.keySet().iterator().next());
            assertEquals(expected, parsed);
            for (int i = 0; i < 50; i++) {
                parsed.put("more" + i, i);
                expected.put("more" + i, i);
            }
            parsed.values().remove(7);
            expected.values().remove(7);
            assertEquals(expected, parsed);
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(parsed.keySet()));
            assertEquals(expected.get("more49"), parsed.get("more49"));
            parsed.clear();
            assertTrue(parsed.isEmpty());
            parsed.put("again", 1);
            assertEquals(Map.of("again", 1), parsed);
        }
    }

    @Test
    void iteratingWhileChangingFailsFast() {
        Map<String, Object> parsed = object(members(4));
        assertThrows(ConcurrentModificationException.class, () -> {
            for (String k : parsed.keySet()) {
                parsed.put(k + "x", 1);
            }
        });
    }

    @Test
    void parsedValuesSerializeAsTheirCollections() throws Exception {
        Object parsed = Json.parse("{\"a\":[1,2.5,\"x\"]," + members(20).substring(1));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(parsed);
        }
        Object back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = in.readObject();
        }
        assertEquals(parsed, back);
        assertEquals(19L, ((Map<?, ?>) back).get("k19"));
    }

    @Test
    void listsAreArrayListsOfTheirExactContents() {
        Object v = Json.parse("[[],[1],[1,2,[3]],{\"a\":[]}]");
        assertEquals(List.of(List.of(), List.of(1L), List.of(1L, 2L, List.of(3L)), Map.of("a", List.of())), v);
        assertInstanceOf(ArrayList.class, v);
        ((List<Object>) v).add("mutable");
    }

    @Test
    void numbersTakeTheCheapestExactForm() {
        assertEquals(List.of(1L, -1L, 0L, 9007199254740993L, 1.5, 100.0, 0.1, new BigInteger("18446744073709551616"),
                new BigDecimal("0.1000000000000000000000001")),
                Json.parse("[1,-1,-0,9007199254740993,1.5,1e2,0.1,18446744073709551616,0.1000000000000000000000001]"));
        // long decimals: Double exactly when the literal is the double's shortest form (trailing zeros aside)
        assertEquals(List.of(0.30000000000000004, new BigDecimal("0.300000000000000041"), 2e23,
                new BigDecimal("1.9999999999999998E23"), -1234.5678901234567, 1.0, 123.456),
                Json.parse("[0.30000000000000004, 0.300000000000000041, 2e23, 1.9999999999999998E23,"
                        + " -1234.5678901234567, 1.00000000000000000000, 12345.6000000000000000e-2]"));
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 20_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String shortest = tools.jackson.core.io.NumberOutput.toString(d, true);
            assertEquals(d, Json.parse(shortest), shortest);
            assertEquals(d, Json.parse(shortest.replace("E", "0e").replace(".0e", ".00e")), shortest);
        }
        List<?> types = (List<?>) Json.parse("[1,1.0,1e400]");
        assertInstanceOf(Long.class, types.get(0));
        assertInstanceOf(Double.class, types.get(1));
        assertInstanceOf(BigDecimal.class, types.get(2));
    }

    @Test
    void aDuplicateKeyIsReportedAtItsSecondOccurrenceEvenWhenFoundLater() {
        // found when the object closes, then located by parsing again: the error names the first duplicate in order
        JsonException e = assertThrows(JsonException.class,
                () -> Json.parse("{\"a\":1,\n \"a\":{\"x\":1,\"x\":2}}"));
        assertEquals("ERR_JSON_DUPLICATE_KEY", e.code());
        assertEquals("$.a", e.path());
        assertEquals(2, e.line());
        assertEquals(2, e.column());
        JsonException nested = assertThrows(JsonException.class,
                () -> Json.parse("[{\"ok\":1},{\"b\":{\"x\":1,\"y\":[1,2],\"x\":2}}]"));
        assertEquals("$[1].b.x", nested.path());
        assertEquals(33, nested.column());
        JsonException large = assertThrows(JsonException.class,
                () -> Json.parse(members(100).replace("}", ",\"k57\":0}")));
        assertEquals("$.k57", large.path());
        JsonException fromString = assertThrows(JsonException.class, () -> Json.parse("{\"é\":1,\"é\":2}"));
        assertEquals(8, fromString.column()); // characters in a String
        JsonException fromBytes = assertThrows(JsonException.class,
                () -> Json.parse("{\"é\":1,\"é\":2}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(9, fromBytes.column()); // bytes in UTF-8
        assertEquals("ERR_JSON_DUPLICATE_KEY", assertThrows(JsonException.class,
                () -> Json.parse("{\"a\":null,\"a\":null}".getBytes(StandardCharsets.UTF_8))).code());
    }

    @Test
    void duplicatePoliciesKeepTheRightValueAndTheFirstPosition() {
        String text = "{\"a\":null,\"b\":2,\"a\":3,\"a\":4}";
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("a", null);
        first.put("b", 2L);
        assertEquals(first, Json.parse(text, ParseOptions.strict().withDuplicateKeys(DuplicateKeys.KEEP_FIRST)));
        Object last = Json.parse(text, ParseOptions.strict().withDuplicateKeys(DuplicateKeys.KEEP_LAST));
        assertEquals(Map.of("a", 4L, "b", 2L), last);
        assertEquals(List.of("a", "b"), List.copyOf(((Map<?, ?>) last).keySet()));
    }

    @Test
    void aStreamReportsADuplicateKeyWhenItsObjectCloses() {
        JsonStreamParser p = JsonStreamParser.values(ParseOptions.strict(), v -> {});
        p.feed("{\"ok\":1}\n".getBytes(StandardCharsets.UTF_8));
        JsonException e = assertThrows(JsonException.class,
                () -> p.feed("{\"a\":1,\"b\":{\"a\":1},\"a\":2}\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("ERR_JSON_DUPLICATE_KEY", e.code());
        assertEquals("$.a", e.path());
        assertEquals(2, e.line());
    }

    @Test
    void loneSurrogatesAreRefusedWhereverTheyComeFrom() {
        String[] lone = {"[\"\\uD800\"]", "[\"\\udc00x\"]", "{\"\\uDBFF\":1}", "[\"ok\",\"\\uDE00\\uD83D\"]"};
        for (String text : lone) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertEquals("ERR_JSON_PARSE", assertThrows(JsonException.class, () -> Json.parse(bytes)).code(), text);
            assertEquals("ERR_JSON_PARSE", assertThrows(JsonException.class, () -> Json.parse(text)).code(), text);
        }
        assertEquals(List.of("😀", "\\uD800"), Json.parse("[\"\\uD83D\\uDE00\", \"\\\\uD800\"]"
                .getBytes(StandardCharsets.UTF_8)));
        // raw in a Java string: no escape to give it away
        assertEquals("ERR_JSON_PARSE", assertThrows(JsonException.class, () -> Json.parse("[\"\uD800\"]")).code());
    }

    @Test
    void encodedSurrogatesAreInvalidUtf8EvenInPairs() {
        // CESU-8: U+1F600 as two three-byte surrogates; UTF-8 allows only the four-byte form
        byte[] cesu = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED, (byte) 0xB8, (byte) 0x80, '"'};
        assertEquals("ERR_JSON_PARSE", assertThrows(JsonException.class, () -> Json.parse(cesu)).code());
        byte[] fourBytes = {'"', (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, '"'};
        assertEquals("😀", Json.parse(fourBytes));
        byte[] hangul = {'"', (byte) 0xED, (byte) 0x9F, (byte) 0xBF, '"'}; // U+D7FF, the last before surrogates
        assertEquals("\uD7FF", Json.parse(hangul));
    }

    @Test
    void aStreamChecksSurrogatesInLinesAfterCleanOnesAndAcrossChunks() {
        List<Object> values = new ArrayList<>();
        JsonStreamParser p = JsonStreamParser.values(ParseOptions.strict(), values::add);
        p.feed("\"clean\"\n\"\\uD83D\\uDE00\"\n\"clean again\"\n[\"\\".getBytes(StandardCharsets.UTF_8));
        p.feed("u".getBytes(StandardCharsets.UTF_8));
        p.feed("D8".getBytes(StandardCharsets.UTF_8));
        JsonException e = assertThrows(JsonException.class,
                () -> p.feed("00\"]\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("ERR_JSON_PARSE", e.code());
        assertEquals(List.of("clean", "😀", "clean again"), values);
    }
}
