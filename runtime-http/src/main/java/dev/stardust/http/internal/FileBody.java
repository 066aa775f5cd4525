package dev.stardust.http.internal;

import dev.stardust.Promise;
import dev.stardust.internal.Errno;
import dev.stardust.internal.RealLoop;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file that {@code ServerResponse.sendFile} sends: opened on the worker pool, since opening can block on a slow
 * disk, with node's errors ({@code ENOENT}, {@code EISDIR}, ...) so that a handler can still answer 404.
 */
final class FileBody {
    private FileBody() {
    }

    /** Opens {@code path} for reading on the worker pool; a directory fails with {@code EISDIR}, as node's open. */
    static Promise<FileChannel> open(RealLoop loop, String path) {
        return loop.executeBlocking(() -> {
            try {
                if (Files.isDirectory(Path.of(path))) {
                    throw Errno.fileError("EISDIR", "open", path);
                }
                return FileChannel.open(Path.of(path), StandardOpenOption.READ);
            } catch (IOException | RuntimeException e) {
                throw Errno.fileError(e, "open", path);
            }
        });
    }

    /** The size of {@code file}; when it cannot be read, the file is closed and node's {@code fstat} error thrown. */
    static long size(FileChannel file, String path) {
        try {
            return file.size();
        } catch (IOException e) {
            closeQuietly(file);
            throw Errno.fileError(e, "fstat", path);
        }
    }

    static void closeQuietly(FileChannel file) {
        try {
            file.close();
        } catch (IOException ignored) {
            // Nothing was sent from it.
        }
    }
}
