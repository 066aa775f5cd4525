package dev.stardust.process.internal;

import dev.stardust.Buffer;
import dev.stardust.internal.Errno;
import dev.stardust.internal.RealLoop;
import dev.stardust.stream.Writable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Writable} over a blocking {@link OutputStream} (a child's stdin, the JVM's stdout): each chunk is
 * written and flushed on the worker pool, one at a time, so a slow reader on the other side makes
 * {@code write()} return false instead of blocking the loop. {@code end()} closes the stream unless told not to.
 */
public final class PipeWritable extends Writable<Buffer> {
    private final RealLoop loop = RealLoop.current();
    private final OutputStream out;
    private final String name;
    private final boolean closeAtEnd;

    /** A writable of {@code out}; with {@code closeAtEnd} its {@code end()} closes {@code out}. */
    public PipeWritable(OutputStream out, String name, boolean closeAtEnd) {
        super(DEFAULT_HIGH_WATER_MARK, false);
        this.out = out;
        this.name = name;
        this.closeAtEnd = closeAtEnd;
    }

    @Override
    protected void doWrite(Buffer chunk, Consumer<@Nullable Throwable> callback) {
        loop.executeBlocking(() -> {
            try {
                chunk.writeTo(out);
                out.flush();
            } catch (IOException e) {
                throw Errno.from(e, "write", name);
            }
            return null;
        }).onComplete((v, e) -> callback.accept(e));
    }

    @Override
    protected void doFinal(Consumer<@Nullable Throwable> callback) {
        if (!closeAtEnd) {
            callback.accept(null);
            return;
        }
        loop.executeBlocking(() -> {
            out.close();
            return null;
        }).onComplete((v, e) -> callback.accept(e == null ? null : Errno.from(e, "close", name)));
    }

    @Override
    protected void doDestroy(@Nullable Throwable error, Consumer<@Nullable Throwable> callback) {
        if (!closeAtEnd) {
            callback.accept(error);
            return;
        }
        loop.executeBlocking(() -> {
            try {
                out.close();
            } catch (IOException ignored) {
                // Destroying: the first error, if any, is the one to report.
            }
            return null;
        }).onComplete((v, e) -> callback.accept(error));
    }
}
