package dev.stardust.stream;

import dev.stardust.Buffer;
import dev.stardust.Timers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Sources for the stream tests: bytes in given chunks, and an endless source that counts what it produced. */
final class TestStreams {
    private TestStreams() {
    }

    /** The UTF-8 bytes of {@code text} in chunks of {@code size} bytes (1: one byte per chunk). */
    static Readable<Buffer> chunked(String text, int size) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<Buffer> chunks = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += size) {
            chunks.add(Buffer.from(bytes, i, Math.min(size, bytes.length - i)));
        }
        return Readable.from(chunks);
    }

    /** A source that pushes {@code chunk} on each immediate while asked, forever, counting its pushes. */
    static final class Endless extends Readable<Buffer> {
        private final Buffer chunk;
        int pushed;

        Endless(String chunk) {
            super(64);
            this.chunk = Buffer.from(chunk);
        }

        @Override
        protected void doRead(int size) {
            Timers.setImmediate(() -> {
                if (!destroyed()) {
                    pushed++;
                    push(chunk);
                }
            });
        }
    }
}
