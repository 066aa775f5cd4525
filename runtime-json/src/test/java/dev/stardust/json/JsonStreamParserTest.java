package dev.stardust.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link JsonStreamParser}: values as soon as complete, bounded memory, errors once and for all. */
class JsonStreamParserTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void emitsEachNewlineDelimitedValueAsSoonAsItIsComplete() {
        List<Object> values = new ArrayList<>();
        JsonStreamParser p = JsonStreamParser.values(ParseOptions.strict(), values::add);
        p.feed(utf8("{\"a\":1}\n[2"));
        assertEquals(List.of(Map.of("a", 1L)), values);
        p.feed(utf8("]\n\"three\"\nnull\n4"));
        assertEquals(Arrays.asList(Map.of("a", 1L), List.of(2L), "three", null), values);
        p.end(); // a number at the very end is only complete once the input ends
        assertEquals(Arrays.asList(Map.of("a", 1L), List.of(2L), "three", null, 4L), values);
    }

    @Test
    void emitsEachElementOfATopLevelArray() {
        List<Object> values = new ArrayList<>();
        JsonStreamParser p = JsonStreamParser.arrayElements(ParseOptions.strict(), values::add);
        p.feed(utf8("[ {\"id\": 1}, {\"id\""));
        assertEquals(List.of(Map.of("id", 1L)), values);
        p.feed(utf8(": 2} ]  "));
        p.end();
        assertEquals(List.of(Map.of("id", 1L), Map.of("id", 2L)), values);
    }

    @Test
    void arrayElementsModeWantsOneArray() {
        JsonStreamParser notArray = JsonStreamParser.arrayElements(ParseOptions.strict(), v -> {});
        assertEquals("ERR_JSON_PARSE", assertThrows(JsonException.class, () -> notArray.feed(utf8("{}"))).code());
        JsonStreamParser twoArrays = JsonStreamParser.arrayElements(ParseOptions.strict(), v -> {});
        assertEquals("ERR_JSON_PARSE", assertThrows(JsonException.class, () -> twoArrays.feed(utf8("[1] [2]")))
                .code());
        JsonStreamParser unclosed = JsonStreamParser.arrayElements(ParseOptions.strict(), v -> {});
        unclosed.feed(utf8("[1, 2"));
        assertEquals("ERR_JSON_PARSE", assertThrows(JsonException.class, unclosed::end).code());
    }

    @Test
    void errorsNameThePathWithinTheStream() {
        JsonStreamParser p = JsonStreamParser.arrayElements(ParseOptions.strict(), v -> {});
        JsonException e = assertThrows(JsonException.class,
                () -> p.feed(utf8("[{\"a\":1},\n {\"a\":[1, x]}]")));
        assertEquals("$[1].a[1]", e.path());
        assertEquals(2, e.line());
    }

    @Test
    void aTrailingCommaIsRefusedWhereverTheChunkEnds() {
        for (String[] chunks : new String[][] {{"{\"a\":1,", "}"}, {"{\"a\":1, ", " ", "}"}, {"[1,", "]"}}) {
            JsonStreamParser p = JsonStreamParser.document(ParseOptions.strict(), v -> {});
            assertThrows(JsonException.class, () -> {
                for (String c : chunks) {
                    p.feed(utf8(c));
                }
                p.end();
            }, String.join("|", chunks));
        }
        List<Object> lenient = new ArrayList<>();
        JsonStreamParser p = JsonStreamParser.document(ParseOptions.lenient(), lenient::add);
        p.feed(utf8("{\"a\":1,"));
        p.feed(utf8("}"));
        p.end();
        assertEquals(List.of(Map.of("a", 1L)), lenient);
    }

    @Test
    void memoryIsBoundedByTheLargestValueNotTheStream() {
        ParseOptions small = ParseOptions.strict().withMaxDocumentLength(64);
        int[] count = {0};
        JsonStreamParser p = JsonStreamParser.values(small, v -> count[0]++);
        byte[] line = utf8("{\"id\": 12345, \"name\": \"a short value\"}\n");
        for (int i = 0; i < 10_000; i++) {
            p.feed(line);
        }
        p.end();
        assertEquals(10_000, count[0]);

        JsonStreamParser big = JsonStreamParser.values(small, v -> {});
        big.feed(utf8("[\"" + "x".repeat(40)));
        assertEquals("ERR_JSON_LIMIT", assertThrows(JsonException.class,
                () -> big.feed(utf8("x".repeat(40) + "\"]"))).code());
    }

    @Test
    void afterAnErrorEveryCallFails() {
        JsonStreamParser p = JsonStreamParser.values(ParseOptions.strict(), v -> {});
        JsonException first = assertThrows(JsonException.class, () -> p.feed(utf8("[1}")));
        IllegalStateException later = assertThrows(IllegalStateException.class, () -> p.feed(utf8("1")));
        assertSame(first, later.getCause());
        assertThrows(IllegalStateException.class, p::end);
    }

    @Test
    void anExceptionFromTheCallbackReachesTheCaller() {
        RuntimeException boom = new RuntimeException("boom");
        JsonStreamParser p = JsonStreamParser.values(ParseOptions.strict(), v -> {
            throw boom;
        });
        assertSame(boom, assertThrows(RuntimeException.class, () -> p.feed(utf8("1 "))));
        assertThrows(IllegalStateException.class, p::end);
    }

    @Test
    void invalidUtf8SplitAcrossChunksIsRefused() {
        JsonStreamParser p = JsonStreamParser.document(ParseOptions.strict(), v -> {});
        p.feed(new byte[] {'[', '"', (byte) 0xe0});
        assertEquals("ERR_JSON_PARSE", assertThrows(JsonException.class,
                () -> p.feed(new byte[] {(byte) 0x80, (byte) 0x80, '"', ']'})).code());
    }
}
