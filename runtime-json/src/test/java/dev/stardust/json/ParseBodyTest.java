package dev.stardust.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.stream.Readable;
import dev.stardust.testing.LoopTester;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code Json.parseBody}: node's {@code stream/consumers} {@code json}, capped, with located errors. */
class ParseBodyTest {

    /** The UTF-8 of {@code text}, one byte per chunk. */
    private static Readable<Buffer> bytewise(String text) {
        List<Buffer> chunks = new ArrayList<>();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            chunks.add(Buffer.from(new byte[] {b}));
        }
        return Readable.from(chunks);
    }

    @Test
    void parsesTheWholeBodyOnceItEnded() {
        LoopTester.run(t -> Json.parseBody(bytewise("{\"name\":\"Zoë\",\"tags\":[1,2]}"), 1024)
                .onSuccess(t.expect(value -> assertEquals(Map.of("name", "Zoë", "tags", List.of(1L, 2L)), value))));
    }

    @Test
    void invalidJsonFailsWithItsLineAndColumn() {
        LoopTester.run(t -> Json.parseBody(bytewise("{\n  \"a\": tru\n}"), 1024).onFailure(t.expect(e -> {
            JsonException error = assertInstanceOf(JsonException.class, e);
            assertEquals("ERR_JSON_PARSE", error.code());
            assertEquals(2, error.line());
        })));
    }

    @Test
    void aBodyPastTheCapFailsWithoutBeingParsed() {
        LoopTester.run(t -> Json.parseBody(bytewise("[\"" + "x".repeat(100) + "\"]"), 64).onFailure(t.expect(e ->
                assertEquals("ERR_BODY_TOO_LARGE", assertInstanceOf(StardustException.class, e).code()))));
    }
}
