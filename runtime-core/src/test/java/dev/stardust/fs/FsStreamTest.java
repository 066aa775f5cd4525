package dev.stardust.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.Timers;
import dev.stardust.stream.Readable;
import dev.stardust.stream.Streams;
import dev.stardust.stream.Writable;
import dev.stardust.testing.LoopTester;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsStreamTest {
    @TempDir
    Path dir;

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    @Test
    void readStreamPipesIntoWriteStreamInChunks() throws Exception {
        byte[] content = randomBytes(300_000);
        Path src = Files.write(dir.resolve("src"), content);
        Path dst = dir.resolve("dst");
        List<Integer> chunkSizes = new ArrayList<>();
        AtomicReference<@Nullable Throwable> outcome = new AtomicReference<>();
        LoopTester.run(t -> {
            Readable<Buffer> in = Fs.createReadStream(src.toString());
            in.on("data", (Buffer b) -> chunkSizes.add(b.length()));
            Streams.pipeline(in, Fs.createWriteStream(dst.toString()))
                    .onComplete(t.expect((v, e) -> outcome.set(e)));
        });
        assertEquals(null, outcome.get());
        assertArrayEquals(content, Files.readAllBytes(dst));
        assertEquals(65_536, chunkSizes.get(0));
        assertEquals(5, chunkSizes.size());
    }

    @Test
    void readStreamHonoursInclusiveRange() throws Exception {
        Path src = Files.writeString(dir.resolve("r"), "0123456789");
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        LoopTester.run(t -> Fs.createReadStream(src.toString(), ReadStreamOptions.defaults().withStart(2).withEnd(5)
                .withHighWaterMark(3)).onData((Buffer b) -> got.writeBytes(b.toByteArray())).onEnd(t.expect(() -> {
                })));
        assertEquals("2345", got.toString());
    }

    @Test
    void pausedReadStreamStopsReadingAtTheHighWaterMark() throws Exception {
        Path src = Files.write(dir.resolve("big"), randomBytes(1_000_000));
        long[] buffered = new long[1];
        LoopTester.run(t -> {
            Readable<Buffer> in = Fs.createReadStream(src.toString(), ReadStreamOptions.defaults()
                    .withHighWaterMark(1024));
            in.pause();
            in.read();
            Timers.setTimeout(t.expect(() -> {
                buffered[0] = in.readableLength();
                in.destroy();
            }), 200);
        });
        assertTrue(buffered[0] <= 2048, "buffered " + buffered[0] + " bytes while paused");
    }

    @Test
    void writeStreamFlagsAppendAndExclusive() throws Exception {
        Path file = Files.writeString(dir.resolve("w"), "start:");
        AtomicReference<@Nullable Throwable> error = new AtomicReference<>();
        LoopTester.run(t -> {
            Writable<Buffer> out = Fs.createWriteStream(file.toString(), WriteStreamOptions.defaults().withFlags("a"));
            out.write(Buffer.from("one,"));
            out.end(Buffer.from("two"));
            out.onFinish(t.expect(() -> {
            }));
            Writable<Buffer> exclusive = Fs.createWriteStream(file.toString(),
                    WriteStreamOptions.defaults().withFlags("wx"));
            exclusive.on("error", t.expect((Throwable e) -> error.set(e)));
        });
        assertEquals("start:one,two", Files.readString(file));
        assertEquals("EEXIST", assertInstanceOf(StardustException.class, error.get()).code());
    }

    @Test
    void readStreamOfMissingFileEmitsEnoent() {
        AtomicReference<@Nullable Throwable> error = new AtomicReference<>();
        LoopTester.run(t -> Fs.createReadStream(dir.resolve("none").toString())
                .onError(t.expect((Throwable e) -> error.set(e))).onData(b -> {
                }));
        assertEquals("ENOENT", assertInstanceOf(StardustException.class, error.get()).code());
    }

    @Test
    void watchReportsCreatedFilesUntilClosed() {
        List<FsEvent> events = new ArrayList<>();
        LoopTester.run(t -> {
            FsWatcher watcher = Fs.watch(dir.toString());
            watcher.onClose(t.expect(() -> {
            }));
            watcher.on("change", (FsEvent e) -> {
                events.add(e);
                if (e.filename().equals("new.txt")) {
                    watcher.close();
                }
            });
            Fs.writeFile(dir.resolve("new.txt").toString(), "x");
        });
        assertEquals(new FsEvent("rename", "new.txt"), events.get(0));
    }

    @Test
    void watchOfMissingDirectoryFailsAtOnce() {
        LoopTester.run(t -> {
            StardustException e = org.junit.jupiter.api.Assertions.assertThrows(StardustException.class,
                    () -> Fs.watch(dir.resolve("none").toString()));
            assertEquals("ENOENT", e.code());
        });
    }
}
