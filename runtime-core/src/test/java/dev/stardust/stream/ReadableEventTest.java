package dev.stardust.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.Timers;
import dev.stardust.testing.LoopTester;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** node's pull mode: a {@code readable} listener pauses the stream, and each {@code readable} is read until null. */
class ReadableEventTest {

    @Test
    void aReadableListenerReadsEveryChunkThenSeesTheEnd() {
        List<String> log = new ArrayList<>();
        LoopTester.run(t -> {
            Readable<String> r = Readable.from(List.of("a", "b", "c"));
            r.on("readable", ignored -> {
                log.add("readable");
                String chunk;
                while ((chunk = r.read()) != null) {
                    log.add(chunk);
                }
            });
            assertTrue(r.isPaused(), "a readable listener puts the stream in paused (pull) mode");
            r.onEnd(t.expect(() -> log.add("end")));
        });
        assertEquals(List.of("readable", "a", "b", "c", "end"), log);
    }

    @Test
    void chunksThatArriveLaterAreAnnouncedAgainAfterReadFoundNone() {
        List<String> log = new ArrayList<>();
        LoopTester.run(t -> {
            // A source that produces one chunk per timer tick: each arrives after read() returned null.
            Readable<Buffer> slow = new Readable<>(1024) {
                private int sent;

                @Override
                protected void doRead(int size) {
                    Timers.setTimeout(() -> push(sent < 3 ? Buffer.from("chunk" + sent++) : null), 1);
                }
            };
            slow.on("readable", ignored -> {
                log.add("readable");
                Buffer chunk;
                while ((chunk = slow.read()) != null) {
                    log.add(chunk.toString());
                }
            });
            slow.onEnd(t.expect(() -> log.add("end")));
        });
        // node 20 logs exactly this for the same source.
        assertEquals(List.of("readable", "chunk0", "readable", "chunk1", "readable", "chunk2", "readable", "end"),
                log);
    }
}
