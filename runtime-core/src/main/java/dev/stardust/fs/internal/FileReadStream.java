package dev.stardust.fs.internal;

import dev.stardust.Buffer;
import dev.stardust.fs.ReadStreamOptions;
import dev.stardust.internal.Errno;
import dev.stardust.internal.RealLoop;
import dev.stardust.stream.Readable;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * node's {@code fs.ReadStream}: opens the file on the worker pool, then reads one chunk per {@link #doRead} on the
 * pool and pushes it on the loop, so a slow consumer stops the reads. Emits {@code open} and {@code ready} once
 * the file is open; a failure to open destroys the stream with node's error.
 */
public final class FileReadStream extends Readable<Buffer> {
    private final RealLoop loop = RealLoop.current();
    private final String path;
    private final int chunkSize;
    private final long end;
    private long position;
    private @Nullable FileChannel channel;
    private boolean readWanted;
    private boolean closed;

    /** Opens {@code path} for reading with {@code options}. */
    public FileReadStream(String path, ReadStreamOptions options) {
        super(options.highWaterMark());
        this.path = path;
        this.chunkSize = options.highWaterMark();
        this.position = options.start();
        this.end = options.end();
        loop.<FileChannel>executeBlocking(() -> {
            try {
                return FileChannel.open(Path.of(path), StandardOpenOption.READ);
            } catch (Exception e) {
                throw Errno.fileError(e, "open", path);
            }
        }).onComplete((ch, error) -> {
            if (error != null) {
                destroy(error);
            } else if (destroyed()) {
                FileChannels.closeQuietly(ch);
            } else {
                channel = ch;
                emit("open", path);
                emit("ready");
                if (readWanted) {
                    readWanted = false;
                    readChunk();
                }
            }
        });
    }

    /** The path being read (node's {@code stream.path}). */
    public String path() {
        return path;
    }

    @Override
    protected void doRead(int size) {
        if (channel == null) {
            readWanted = true;
        } else {
            readChunk();
        }
    }

    private void readChunk() {
        FileChannel ch = channel;
        long remaining = end == Long.MAX_VALUE ? Long.MAX_VALUE : end - position + 1;
        if (ch == null || remaining <= 0) {
            push(null);
            return;
        }
        int length = (int) Math.min(chunkSize, remaining);
        long at = position;
        loop.<Buffer>executeBlocking(() -> {
            try {
                return RealFileHandle.readAt(ch, at, length);
            } catch (Exception e) {
                throw Errno.fileError(e, "read", path);
            }
        }).onComplete((chunk, error) -> {
            if (destroyed()) {
                return;
            }
            if (error != null) {
                destroy(error);
            } else if (chunk == null || chunk.isEmpty()) {
                push(null);
            } else {
                position += chunk.length();
                push(chunk);
            }
        });
    }

    @Override
    protected void doDestroy(@Nullable Throwable error, Consumer<@Nullable Throwable> callback) {
        FileChannel ch = channel;
        if (ch == null || closed) {
            callback.accept(error);
            return;
        }
        closed = true;
        FileChannels.closeOnWorker(loop, ch, error, callback);
    }
}
