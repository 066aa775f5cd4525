package dev.stardust.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.Timers;
import dev.stardust.testing.LoopTester;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Lines.from}: node's {@code readline} over a byte stream, bounded and with backpressure. */
class LinesTest {
    private static final String TEXT = "héllo €\r\n\nwörld 𝄞\nlast line without newline";
    private static final List<String> LINES = List.of("héllo €", "", "wörld 𝄞", "last line without newline");

    @ParameterizedTest(name = "chunks of {0} bytes")
    @ValueSource(ints = {1, 2, 3, 5, 7, 1000})
    void splitsAtNewlinesDropsCarriageReturnsAndDecodesCharactersSplitAcrossChunks(int chunkSize) {
        List<String> lines = new ArrayList<>();
        LoopTester.run(t -> Lines.from(TestStreams.chunked(TEXT, chunkSize)).onData(lines::add)
                .onEnd(t.expect(() -> assertEquals(LINES, lines))));
        assertEquals(LINES, lines);
    }

    @Test
    void aFinalNewlineMakesNoEmptyLastLine() {
        LoopTester.run(t -> {
            List<String> lines = new ArrayList<>();
            Lines.from(TestStreams.chunked("a\nb\n", 3)).onData(lines::add)
                    .onEnd(t.expect(() -> assertEquals(List.of("a", "b"), lines)));
        });
    }

    @Test
    void aLineLongerThanTheLimitFailsTheLinesAndStopsTheSource() {
        TestStreams.Endless[] source = new TestStreams.Endless[1];
        LoopTester.run(t -> {
            source[0] = new TestStreams.Endless("no newline in sight ");
            source[0].onClose(t.expect(() -> { }));
            Lines.from(source[0], 1000).onData(line -> { }).onError(t.expect(e -> {
                StardustException error = assertInstanceOf(StardustException.class, e);
                assertEquals("ERR_LINE_TOO_LONG", error.code());
                assertTrue(error.getMessage().contains("1000 bytes"), error.getMessage());
            }));
        });
        assertEquals(51, source[0].pushed, "the source stops at the first chunk past the limit");
    }

    @Test
    void aLineOfExactlyTheLimitPassesWithItsCarriageReturn() {
        LoopTester.run(t -> {
            List<String> lines = new ArrayList<>();
            Lines.from(TestStreams.chunked("12345\r\n1234\r", 1), 5).onData(lines::add)
                    .onEnd(t.expect(() -> assertEquals(List.of("12345", "1234"), lines)));
        });
    }

    @Test
    void pausingTheLinesPausesTheSourceSoNothingPilesUp() {
        LoopTester.run(t -> {
            TestStreams.Endless source = new TestStreams.Endless("line\n");
            Readable<String> lines = Lines.from(source);
            int[] received = new int[1];
            lines.onData(line -> {
                if (++received[0] == 10) {
                    lines.pause();
                    // Many turns later the source is paused, and both buffers are bounded.
                    Timers.setTimeout(t.expect(() -> {
                        assertTrue(source.isPaused(), "the source is paused while the lines are");
                        assertTrue(lines.readableLength() <= 16, lines.readableLength() + " lines buffered");
                        assertTrue(source.pushed <= 10 + 16 + 64 / 5 + 2, source.pushed + " chunks pushed");
                        lines.destroy();
                    }), 50);
                }
            });
            source.onClose(t.expect(() -> assertTrue(source.destroyed())));
        });
    }

    @Test
    void theSourcesErrorBecomesTheLinesError() {
        StardustException reset = new StardustException("ECONNRESET", "read ECONNRESET");
        LoopTester.run(t -> {
            TestStreams.Endless source = new TestStreams.Endless("a\n");
            Lines.from(source).onData(line -> source.destroy(reset)).onError(t.expect(e -> assertEquals(reset, e)));
        });
    }

    @Test
    void destroyingTheSourceWithoutAnErrorClosesTheLinesQuietly() {
        LoopTester.run(t -> {
            TestStreams.Endless source = new TestStreams.Endless("a\n");
            Readable<String> lines = Lines.from(source);
            lines.onData(line -> source.destroy()).onClose(t.expect(() -> { }));
            lines.onEnd(t.expect(() -> { }, 0));
            Streams.finished(lines).onFailure(t.expect(e ->
                    assertEquals("ERR_STREAM_PREMATURE_CLOSE", ((StardustException) e).code())));
        });
    }

    @Test
    void linesOfAByteSourceCanBeReadInPausedMode() {
        LoopTester.run(t -> {
            Readable<String> lines = Lines.from(Readable.from(List.of(Buffer.from("one\ntwo\n"))));
            List<String> got = new ArrayList<>();
            lines.pause();
            Streams.finished(lines).onComplete(t.expect((v, e) -> assertEquals(List.of("one", "two"), got)));
            Runnable[] poll = new Runnable[1];
            poll[0] = () -> {
                String line = lines.read();
                if (line != null) {
                    got.add(line);
                }
                if (!lines.readableEnded()) {
                    Timers.setImmediate(poll[0]);
                }
            };
            poll[0].run();
        });
    }
}
