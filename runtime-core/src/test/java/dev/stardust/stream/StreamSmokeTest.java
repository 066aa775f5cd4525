package dev.stardust.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.Loop;
import dev.stardust.StardustException;
import dev.stardust.Timers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class StreamSmokeTest {

    @Test
    void readableFromFlowsIntoWritableAndFinishes() {
        List<String> got = new ArrayList<>();
        List<String> events = new ArrayList<>();
        Loop.run(() -> {
            Readable<String> source = Readable.from(List.of("a", "b", "c"));
            Writable<String> sink = Writable.of(got::add);
            sink.onFinish(() -> events.add("finish"));
            sink.onClose(() -> events.add("close"));
            source.onEnd(() -> events.add("end"));
            source.pipe(sink);
        });
        assertEquals(List.of("a", "b", "c"), got);
        assertEquals(List.of("end", "finish", "close"), events);
    }

    @Test
    void transformUpperCasesThroughPipeline() {
        List<String> got = new ArrayList<>();
        AtomicReference<String> outcome = new AtomicReference<>("pending");
        Loop.run(() -> {
            Transform<String, String> upper = Transform.of((String s, Consumer<String> out) -> out.accept(s.toUpperCase()));
            Streams.pipeline(Readable.from(List.of("x", "y")), upper, Writable.of(got::add))
                    .onComplete((v, e) -> outcome.set(e == null ? "ok" : e.toString()));
        });
        assertEquals(List.of("X", "Y"), got);
        assertEquals("ok", outcome.get());
    }

    @Test
    void pipelineErrorDestroysEveryStageAndFailsOnce() {
        List<String> outcomes = new ArrayList<>();
        boolean[] sourceDestroyed = new boolean[1];
        Loop.run(() -> {
            Readable<String> endless = new Readable<>(4) {
                int n;

                @Override
                protected void doRead(int size) {
                    Timers.setImmediate(() -> push("chunk" + n++));
                }

                @Override
                protected void doDestroy(@Nullable Throwable error, Consumer<@Nullable Throwable> callback) {
                    sourceDestroyed[0] = true;
                    callback.accept(error);
                }
            };
            Writable<String> failing = new Writable<>() {
                int count;

                @Override
                protected void doWrite(String chunk, Consumer<@Nullable Throwable> callback) {
                    callback.accept(++count == 3 ? new StardustException("EIO", "disk on fire") : null);
                }
            };
            Streams.pipeline(endless, failing).onFailure(e -> outcomes.add(((StardustException) e).code()));
        });
        assertEquals(List.of("EIO"), outcomes);
        assertTrue(sourceDestroyed[0]);
    }

    @Test
    void writeReturnsFalseAtHighWaterMarkAndDrainsOnce() {
        List<String> log = new ArrayList<>();
        Loop.run(() -> {
            List<Consumer<@Nullable Throwable>> pending = new ArrayList<>();
            Writable<Buffer> slow = new Writable<>(10, false) {
                @Override
                protected void doWrite(Buffer chunk, Consumer<@Nullable Throwable> callback) {
                    pending.add(callback);
                }
            };
            slow.onDrain(() -> log.add("drain"));
            log.add("w1=" + slow.write(Buffer.from("12345")));
            log.add("w2=" + slow.write(Buffer.from("12345")));
            Timers.setTimeout(() -> {
                while (!pending.isEmpty()) {
                    pending.remove(0).accept(null);
                }
                Timers.setTimeout(() -> {
                    while (!pending.isEmpty()) {
                        pending.remove(0).accept(null);
                    }
                }, 1);
            }, 1);
        });
        assertEquals(List.of("w1=true", "w2=false", "drain"), log);
    }

    @Test
    void destroyFailsEachPendingWriteCallbackOnce() {
        List<String> callbacks = new ArrayList<>();
        Loop.run(() -> {
            Writable<String> stuck = new Writable<>() {
                @Override
                protected void doWrite(String chunk, Consumer<@Nullable Throwable> callback) {
                    // never completes
                }
            };
            stuck.write("a", e -> callbacks.add("a:" + e));
            stuck.write("b", e -> callbacks.add("b:" + (e == null ? "ok" : ((StardustException) e).code())));
            stuck.write("c", e -> callbacks.add("c:" + (e == null ? "ok" : ((StardustException) e).code())));
            stuck.destroy();
        });
        assertEquals(List.of("b:ERR_STREAM_DESTROYED", "c:ERR_STREAM_DESTROYED"), callbacks);
    }

    @Test
    void setEncodingJoinsMultiByteCharactersSplitAcrossChunks() {
        StringBuilder text = new StringBuilder();
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        Loop.run(() -> {
            Readable<Buffer> bytes = Readable.from(List.of(Buffer.from(euro, 0, 1), Buffer.from(euro, 1, 2)));
            bytes.setEncoding(StandardCharsets.UTF_8).onData(text::append);
        });
        assertEquals("€", text.toString());
        assertFalse(text.toString().contains("\uFFFD"));
    }
}
