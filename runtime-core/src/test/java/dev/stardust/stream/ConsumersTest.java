package dev.stardust.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.testing.LoopTester;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Consumers}: node's {@code stream/consumers}, with a cap that bounds memory. */
class ConsumersTest {

    @Test
    void bufferJoinsEveryChunkOnceTheSourceEnded() {
        LoopTester.run(t -> Consumers.buffer(TestStreams.chunked("hello, world", 5), 100)
                .onSuccess(t.expect(body -> assertEquals("hello, world", body.toString()))));
    }

    @Test
    void textDecodesUtf8SplitAnywhere() {
        LoopTester.run(t -> Consumers.text(TestStreams.chunked("grüße, € und 𝄞", 1), 100)
                .onSuccess(t.expect(text -> assertEquals("grüße, € und 𝄞", text))));
    }

    @Test
    void anEmptyBodyIsAnEmptyBufferAndACapAtTheExactSizeIsEnough() {
        LoopTester.run(t -> {
            Consumers.buffer(Readable.from(List.<Buffer>of()), 0).onSuccess(t.expect(b -> assertEquals(0, b.length())));
            Consumers.text(TestStreams.chunked("12345", 2), 5).onSuccess(t.expect(s -> assertEquals("12345", s)));
        });
    }

    @Test
    void pastTheCapTheSourceIsDestroyedAndThePromiseFailsOnce() {
        TestStreams.Endless[] source = new TestStreams.Endless[1];
        LoopTester.run(t -> {
            TestStreams.Endless endless = new TestStreams.Endless("0123456789");
            source[0] = endless;
            endless.onClose(t.expect(() -> { }));
            Consumers.text(endless, 1000).onFailure(t.expect(e -> {
                StardustException error = assertInstanceOf(StardustException.class, e);
                assertEquals("ERR_BODY_TOO_LARGE", error.code());
                assertTrue(error.getMessage().contains("1000 bytes"), error.getMessage());
            }));
        });
        assertTrue(source[0].destroyed());
        assertEquals(101, source[0].pushed, "reading stops at the first chunk past the cap");
    }

    @Test
    void aFailingSourceFailsThePromiseWithItsError() {
        StardustException reset = new StardustException("ECONNRESET", "socket hang up");
        LoopTester.run(t -> {
            TestStreams.Endless source = new TestStreams.Endless("abc");
            source.onData(chunk -> {
                if (source.pushed == 3) {
                    source.destroy(reset);
                }
            });
            Consumers.buffer(source, 1 << 20).onFailure(t.expect(e -> assertSame(reset, e)));
        });
    }

    @Test
    void aSourceClosedBeforeItsEndFailsWithPrematureClose() {
        LoopTester.run(t -> {
            TestStreams.Endless source = new TestStreams.Endless("abc");
            source.onData(chunk -> source.destroy());
            Consumers.buffer(source, 1 << 20).onFailure(t.expect(e ->
                    assertEquals("ERR_STREAM_PREMATURE_CLOSE", ((StardustException) e).code())));
        });
    }
}
