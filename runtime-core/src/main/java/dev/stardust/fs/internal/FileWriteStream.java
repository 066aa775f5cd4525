package dev.stardust.fs.internal;

import dev.stardust.Buffer;
import dev.stardust.fs.WriteStreamOptions;
import dev.stardust.internal.Errno;
import dev.stardust.internal.RealLoop;
import dev.stardust.stream.Writable;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * node's {@code fs.WriteStream}: opens the file with node's flags on the worker pool, writes each chunk there in
 * order, and closes the file after {@code end()} (before {@code finish}). Writes made before the file is open
 * wait for it; a failure to open destroys the stream with node's error ({@code EEXIST} for {@code "wx"}...).
 */
public final class FileWriteStream extends Writable<Buffer> {
    private final RealLoop loop = RealLoop.current();
    private final String path;
    private final boolean append;
    private long position;
    private @Nullable FileChannel channel;
    private @Nullable List<Runnable> waiting = new ArrayList<>();
    private long bytesWritten;
    private boolean closed;

    /** Opens {@code path} for writing with {@code options}. */
    public FileWriteStream(String path, WriteStreamOptions options) {
        super(options.highWaterMark(), false);
        this.path = path;
        var openOptions = OpenFlags.parse(options.flags());
        this.append = openOptions.contains(StandardOpenOption.APPEND);
        this.position = options.start() >= 0 ? options.start() : append ? -1 : 0;
        loop.<FileChannel>executeBlocking(() -> {
            try {
                return FileChannel.open(Path.of(path), openOptions);
            } catch (Exception e) {
                throw Errno.fileError(e, "open", path);
            }
        }).onComplete((ch, error) -> {
            List<Runnable> run = waiting;
            waiting = null;
            if (error != null) {
                destroy(error);
            } else if (destroyed()) {
                FileChannels.closeQuietly(ch);
            } else {
                channel = ch;
                emit("open", path);
                emit("ready");
                if (run != null) {
                    run.forEach(Runnable::run);
                }
            }
        });
    }

    /** The path being written (node's {@code stream.path}). */
    public String path() {
        return path;
    }

    /** Bytes written to the file so far (node's {@code stream.bytesWritten}). */
    public long bytesWritten() {
        return bytesWritten;
    }

    @Override
    protected void doWrite(Buffer chunk, Consumer<@Nullable Throwable> callback) {
        whenOpen(() -> {
            FileChannel ch = channel;
            long at = position;
            loop.<Integer>executeBlocking(() -> {
                try {
                    return RealFileHandle.writeAt(ch, chunk, at);
                } catch (Exception e) {
                    throw Errno.fileError(e, "write", path);
                }
            }).onComplete((n, error) -> {
                if (error == null && n != null) {
                    bytesWritten += n;
                    if (position >= 0) {
                        position += n;
                    }
                }
                callback.accept(error);
            });
        });
    }

    @Override
    protected void doFinal(Consumer<@Nullable Throwable> callback) {
        whenOpen(() -> closeChannel(null, callback));
    }

    @Override
    protected void doDestroy(@Nullable Throwable error, Consumer<@Nullable Throwable> callback) {
        if (channel == null) {
            callback.accept(error);
        } else {
            closeChannel(error, callback);
        }
    }

    private void whenOpen(Runnable action) {
        List<Runnable> w = waiting;
        if (w != null) {
            w.add(action);
        } else {
            action.run();
        }
    }

    private void closeChannel(@Nullable Throwable error, Consumer<@Nullable Throwable> callback) {
        FileChannel ch = channel;
        if (ch == null || closed) {
            callback.accept(error);
            return;
        }
        closed = true;
        FileChannels.closeOnWorker(loop, ch, error, callback);
    }
}
