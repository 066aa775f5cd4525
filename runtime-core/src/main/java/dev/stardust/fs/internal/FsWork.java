package dev.stardust.fs.internal;

import dev.stardust.Promise;
import dev.stardust.fs.Stats;
import dev.stardust.internal.Errno;
import dev.stardust.internal.RealLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Runs file work on the current loop's worker pool, translating failures into node's errors. */
public final class FsWork {

    /** Blocking file work that may fail with an {@link IOException}. */
    @FunctionalInterface
    public interface IoWork<T extends @Nullable Object> {
        /** Does the work on a worker thread. */
        T call() throws IOException;
    }

    private FsWork() {
    }

    /** Runs {@code work} on the pool; a failure becomes node's error of {@code syscall} on {@code path}. */
    public static <T extends @Nullable Object> Promise<T> run(String syscall, String path, IoWork<T> work) {
        return RealLoop.current().executeBlocking(() -> {
            try {
                return work.call();
            } catch (IOException | RuntimeException e) {
                throw Errno.fileError(e, syscall, path);
            }
        });
    }

    /** The {@link Stats} of {@code path}, following a final link unless {@code options} says not to. */
    public static Stats stats(Path path, LinkOption... options) throws IOException {
        BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class, options);
        Stats.Kind kind = basic.isSymbolicLink() ? Stats.Kind.SYMBOLIC_LINK
                : basic.isDirectory() ? Stats.Kind.DIRECTORY
                : basic.isRegularFile() ? Stats.Kind.FILE : Stats.Kind.OTHER;
        Map<String, Object> unix = null;
        try {
            unix = Files.readAttributes(path, "unix:mode,uid,gid,ino,nlink,ctime", options);
        } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
            // Windows and others: the POSIX figures stay 0.
        }
        Instant mtime = basic.lastModifiedTime().toInstant();
        if (unix == null) {
            return new Stats(kind, basic.size(), 0, 0, 0, 0, 0, basic.lastAccessTime().toInstant(), mtime, mtime,
                    basic.creationTime().toInstant());
        }
        return new Stats(kind, basic.size(), (Integer) unix.get("mode"), (Integer) unix.get("uid"),
                (Integer) unix.get("gid"), (Long) unix.get("ino"), (Integer) unix.get("nlink"),
                basic.lastAccessTime().toInstant(), mtime, ((FileTime) unix.get("ctime")).toInstant(),
                basic.creationTime().toInstant());
    }
}
