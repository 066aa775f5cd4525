package dev.stardust.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.Timers;
import dev.stardust.testing.LoopTester;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** {@code Streams.finished}: node's {@code stream/promises} {@code finished}, settled once per stream. */
class FinishedTest {

    @Test
    void readableSucceedsOnceItEnded() {
        LoopTester.run(t -> {
            Readable<String> source = Readable.from(List.of("a", "b"));
            List<String> seen = new ArrayList<>();
            source.onData(seen::add);
            Streams.finished(source).onComplete(t.expect((v, e) -> {
                assertNull(e);
                assertEquals(List.of("a", "b"), seen);
            }));
        });
    }

    @Test
    void writableSucceedsOnceItFinished() {
        LoopTester.run(t -> {
            Writable<String> sink = Writable.of(s -> { });
            Promise<Void> done = Streams.finished(sink);
            sink.write("x");
            sink.end();
            done.onComplete(t.expect((v, e) -> assertNull(e)));
        });
    }

    @Test
    void duplexSucceedsOnlyOnceBothSidesAreDone() {
        LoopTester.run(t -> {
            Duplex<String, String> duplex = new Duplex<>() {
                @Override
                protected void doRead(int size) {
                }

                @Override
                protected void doWrite(String chunk, Consumer<@Nullable Throwable> callback) {
                    callback.accept(null);
                }
            };
            duplex.onData(s -> { });
            Promise<Void> done = Streams.finished((ReadableStream<String>) duplex); // static type does not matter
            duplex.end("written");
            Timers.setTimeout(() -> {
                assertFalse(done.isDone(), "finish alone is not the end of a duplex");
                duplex.push(null);
                done.onComplete(t.expect((v, e) -> assertNull(e)));
            }, 5);
        });
    }

    @Test
    void failsWithTheStreamsErrorWhichGoesNowhereElse() {
        StardustException boom = new StardustException("EIO", "disk on fire");
        LoopTester.run(t -> {
            Readable<String> source = new Readable<>() {
                @Override
                protected void doRead(int size) {
                    destroy(boom);
                }
            };
            source.onData(s -> { });
            Streams.finished(source).onFailure(t.expect(e -> assertSame(boom, e)));
        });
    }

    @Test
    void failsWithPrematureCloseWhenDestroyedBeforeTheEnd() {
        LoopTester.run(t -> {
            Writable<String> sink = Writable.of(s -> { });
            Streams.finished(sink).onFailure(t.expect(e ->
                    assertEquals("ERR_STREAM_PREMATURE_CLOSE", assertInstanceOf(StardustException.class, e).code())));
            sink.write("half");
            sink.destroy();
        });
    }

    @Test
    void aStreamThatEndedAlreadySucceedsAndOneDestroyedAlreadyFails() {
        LoopTester.run(t -> {
            Readable<String> ended = Readable.from(List.of("a"));
            ended.onData(s -> { });
            ended.onClose(() -> Streams.finished(ended).onComplete(t.expect((v, e) -> assertNull(e))));
            Readable<String> destroyed = Readable.from(List.of("a"));
            destroyed.destroy();
            Streams.finished(destroyed).onFailure(t.expect(e ->
                    assertEquals("ERR_STREAM_PREMATURE_CLOSE", ((StardustException) e).code())));
        });
    }
}
