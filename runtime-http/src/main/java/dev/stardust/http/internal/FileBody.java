package dev.stardust.http.internal;

import dev.stardust.Promise;
import dev.stardust.internal.Errno;
import dev.stardust.internal.RealLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file that {@code ServerResponse.sendFile} sends: opened and examined on the worker pool, since opening and
 * {@code stat} can block on a slow disk, with node's errors ({@code ENOENT}, {@code EISDIR}, ...) so that a handler
 * can still answer 404; and read there in chunks where the kernel cannot send it (TLS, compression).
 */
final class FileBody {
    /** The most bytes read at once for a connection that cannot take the file zero-copy. */
    static final int CHUNK = 64 * 1024;

    private FileBody() {
    }

    /** An open file with its size and modification time (milliseconds). */
    record Opened(FileChannel file, long size, long modified) {
    }

    /** Opens {@code path} for reading on the worker pool; a directory fails with {@code EISDIR}, as node's open. */
    static Promise<Opened> open(RealLoop loop, String path) {
        return loop.executeBlocking(() -> {
            FileChannel file = null;
            try {
                Path p = Path.of(path);
                if (Files.isDirectory(p)) {
                    throw Errno.fileError("EISDIR", "open", path);
                }
                file = FileChannel.open(p, StandardOpenOption.READ);
                return new Opened(file, file.size(), Files.getLastModifiedTime(p).toMillis());
            } catch (IOException | RuntimeException e) {
                if (file != null) {
                    closeQuietly(file);
                }
                throw Errno.fileError(e, "open", path);
            }
        });
    }

    /** Reads up to {@link #CHUNK} bytes at {@code position}, at most {@code left}, on the worker pool. */
    static Promise<ByteBuffer> read(RealLoop loop, FileChannel file, long position, long left, String path) {
        return loop.executeBlocking(() -> {
            ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, left));
            try {
                while (chunk.hasRemaining()) {
                    if (file.read(chunk, position + chunk.position()) < 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw Errno.fileError(e, "read", path);
            }
            return chunk.flip();
        });
    }

    static void closeQuietly(FileChannel file) {
        try {
            file.close();
        } catch (IOException ignored) {
            // Nothing was sent from it.
        }
    }
}
