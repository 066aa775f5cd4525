package dev.stardust.process.internal;

import dev.stardust.Buffer;
import dev.stardust.internal.LoopHandle;
import dev.stardust.internal.RealLoop;
import dev.stardust.stream.Readable;
import java.io.InputStream;

/**
 * The standard input as node has it: a {@link PipeReadable} that starts reading only when consumed and keeps the
 * loop alive while it flows (resumed and not ended), so that a program reading its input runs until the end of
 * it, and one that never reads it ends at once.
 */
public final class StdinReadable {
    private StdinReadable() {
    }

    private static final class FlowHandle extends LoopHandle {
        FlowHandle(RealLoop loop) {
            super(loop);
        }

        void open() {
            opened();
        }

        void close() {
            closed();
        }

        @Override
        protected void forceClose() {
            closed();
        }
    }

    /** A stdin-like readable of {@code in} on the current loop. */
    public static Readable<Buffer> of(InputStream in) {
        FlowHandle handle = new FlowHandle(RealLoop.current());
        PipeReadable readable = new PipeReadable(in, "stdin", () -> { });
        readable.on("resume", v -> handle.open());
        readable.on("pause", v -> handle.close());
        readable.on("end", v -> handle.close());
        readable.on("close", v -> handle.close());
        return readable.start(false);
    }
}
