package dev.stardust.fs;

import dev.stardust.Buffer;
import dev.stardust.Promise;
import dev.stardust.fs.internal.FileReadStream;
import dev.stardust.fs.internal.FileWriteStream;
import dev.stardust.internal.Errno;
import dev.stardust.fs.internal.FsWork;
import dev.stardust.fs.internal.RealFileHandle;
import dev.stardust.fs.internal.RealFsWatcher;
import dev.stardust.stream.Readable;
import dev.stardust.stream.Writable;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * node's {@code fs}: every operation runs on the current loop's worker pool and returns a {@link Promise} that
 * completes on the loop; call them from a loop thread. Failures are {@link dev.stardust.StardustException}s with
 * node's code and message, e.g. {@code ENOENT: no such file or directory, open '/x'}. Paths are strings, relative
 * ones resolved against the working directory, as in node.
 */
public final class Fs {
    /** {@link #access} mode: the file exists (node's {@code fs.constants.F_OK}). */
    public static final int F_OK = 0;
    /** {@link #access} mode: the file is readable ({@code R_OK}). */
    public static final int R_OK = 4;
    /** {@link #access} mode: the file is writable ({@code W_OK}). */
    public static final int W_OK = 2;
    /** {@link #access} mode: the file is executable ({@code X_OK}). */
    public static final int X_OK = 1;

    private Fs() {
    }

    /** The whole content of a file (node's {@code fs.readFile(path)}); a directory fails with {@code EISDIR}. */
    public static Promise<Buffer> readFile(String path) {
        return FsWork.run("open", path, () -> {
            Path p = Path.of(path);
            if (Files.isDirectory(p)) {
                throw Errno.fileError("EISDIR", "read", path);
            }
            return Buffer.wrap(Files.readAllBytes(p));
        });
    }

    /** The whole content of a file decoded with {@code charset} (node's {@code fs.readFile(path, 'utf8')}). */
    public static Promise<String> readFile(String path, Charset charset) {
        return readFile(path).map(buffer -> buffer.toString(charset));
    }

    /** Replaces a file's content with {@code data}, creating the file (node's {@code fs.writeFile}). */
    public static Promise<Void> writeFile(String path, Buffer data) {
        return write(path, data, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    /** Replaces a file's content with {@code text} in UTF-8 (node's {@code fs.writeFile(path, string)}). */
    public static Promise<Void> writeFile(String path, String text) {
        return writeFile(path, Buffer.from(text));
    }

    /** Appends {@code data} to a file, creating it (node's {@code fs.appendFile}). */
    public static Promise<Void> appendFile(String path, Buffer data) {
        return write(path, data, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** Appends {@code text} in UTF-8 to a file, creating it (node's {@code fs.appendFile(path, string)}). */
    public static Promise<Void> appendFile(String path, String text) {
        return appendFile(path, Buffer.from(text));
    }

    private static Promise<Void> write(String path, Buffer data, StandardOpenOption... options) {
        return FsWork.run("open", path, () -> {
            try (var out = Files.newOutputStream(Path.of(path), options)) {
                data.writeTo(out);
            }
            return null;
        });
    }

    /** Opens a file for reading (node's {@code fs.open(path, 'r')}). */
    public static Promise<FileHandle> open(String path) {
        return open(path, "r");
    }

    /** Opens a file with node's {@code flags}: {@code "r"}, {@code "r+"}, {@code "w"}, {@code "wx"}, {@code "a"}... */
    public static Promise<FileHandle> open(String path, String flags) {
        return RealFileHandle.open(path, flags);
    }

    /** What a path names, following symbolic links (node's {@code fs.stat}). */
    public static Promise<Stats> stat(String path) {
        return FsWork.run("stat", path, () -> FsWork.stats(Path.of(path)));
    }

    /** What a path names, the link itself for a symbolic link (node's {@code fs.lstat}). */
    public static Promise<Stats> lstat(String path) {
        return FsWork.run("lstat", path, () -> FsWork.stats(Path.of(path), LinkOption.NOFOLLOW_LINKS));
    }

    /** The names in a directory, sorted, without {@code .} and {@code ..} (node's {@code fs.readdir}). */
    public static Promise<List<String>> readdir(String path) {
        return FsWork.run("scandir", path, () -> {
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of(path))) {
                for (Path entry : entries) {
                    names.add(entry.getFileName().toString());
                }
            }
            Collections.sort(names);
            return List.copyOf(names);
        });
    }

    /** Creates a directory; {@code EEXIST} when the path exists (node's {@code fs.mkdir}). */
    public static Promise<Void> mkdir(String path) {
        return mkdir(path, false);
    }

    /**
     * Creates a directory; with {@code recursive}, its missing parents too and no error when it exists
     * (node's {@code fs.mkdir(path, {recursive: true})}).
     */
    public static Promise<Void> mkdir(String path, boolean recursive) {
        return FsWork.run("mkdir", path, () -> {
            Path p = Path.of(path);
            if (recursive) {
                if (Files.exists(p) && !Files.isDirectory(p)) {
                    throw Errno.fileError("EEXIST", "mkdir", path);
                }
                Files.createDirectories(p);
            } else {
                Files.createDirectory(p);
            }
            return null;
        });
    }

    /** Creates a new directory named {@code prefix} plus six random characters; the promise holds its path. */
    public static Promise<String> mkdtemp(String prefix) {
        return FsWork.run("mkdtemp", prefix + "XXXXXX", () -> {
            Path p = Path.of(prefix);
            Path parent = p.getParent() != null ? p.getParent() : Path.of(".");
            String name = p.getFileName() != null ? p.getFileName().toString() : "";
            return Files.createTempDirectory(parent, name).toString();
        });
    }

    /** Removes an empty directory (node's {@code fs.rmdir}); {@code ENOTEMPTY} when it is not. */
    public static Promise<Void> rmdir(String path) {
        return FsWork.run("rmdir", path, () -> {
            if (!Files.isDirectory(Path.of(path), LinkOption.NOFOLLOW_LINKS) && Files.exists(Path.of(path),
                    LinkOption.NOFOLLOW_LINKS)) {
                throw Errno.fileError("ENOTDIR", "rmdir", path);
            }
            Files.delete(Path.of(path));
            return null;
        });
    }

    /** Removes a file or symbolic link (node's {@code fs.rm(path)}); a directory fails with {@code EISDIR}. */
    public static Promise<Void> rm(String path) {
        return rm(path, RmOptions.defaults());
    }

    /** Removes a file, or with {@code recursive} a directory and everything in it (node's {@code fs.rm}). */
    public static Promise<Void> rm(String path, RmOptions options) {
        return FsWork.run("rm", path, () -> {
            Path p = Path.of(path);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                if (options.force()) {
                    return null;
                }
                throw new NoSuchFileException(path);
            }
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                if (!options.recursive()) {
                    throw Errno.fileError("EISDIR", "rm", path);
                }
                deleteTree(p);
            } else {
                Files.delete(p);
            }
            return null;
        });
    }

    private static void deleteTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Moves {@code from} to {@code to}, replacing a file there (node's {@code fs.rename}). */
    public static Promise<Void> rename(String from, String to) {
        return FsWork.run("rename", from + "' -> '" + to, () -> {
            Files.move(Path.of(from), Path.of(to), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return null;
        });
    }

    /** Copies a file, replacing the destination (node's {@code fs.copyFile}). */
    public static Promise<Void> copyFile(String from, String to) {
        return FsWork.run("copyfile", from + "' -> '" + to, () -> {
            Files.copy(Path.of(from), Path.of(to), StandardCopyOption.REPLACE_EXISTING);
            return null;
        });
    }

    /** Removes a file or symbolic link, never a directory (node's {@code fs.unlink}). */
    public static Promise<Void> unlink(String path) {
        return FsWork.run("unlink", path, () -> {
            Path p = Path.of(path);
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw Errno.fileError("EISDIR", "unlink", path);
            }
            Files.delete(p);
            return null;
        });
    }

    /** Creates a symbolic link at {@code path} pointing to {@code target} (node's {@code fs.symlink}). */
    public static Promise<Void> symlink(String target, String path) {
        return FsWork.run("symlink", target + "' -> '" + path, () -> {
            try {
                Files.createSymbolicLink(Path.of(path), Path.of(target));
            } catch (FileAlreadyExistsException e) {
                throw Errno.fileError("EEXIST", "symlink", target + "' -> '" + path, e);
            }
            return null;
        });
    }

    /** The target of a symbolic link (node's {@code fs.readlink}); {@code EINVAL} for anything else. */
    public static Promise<String> readlink(String path) {
        return FsWork.run("readlink", path, () -> Files.readSymbolicLink(Path.of(path)).toString());
    }

    /** Sets the permission bits, e.g. {@code 0644} (node's {@code fs.chmod}). */
    public static Promise<Void> chmod(String path, int mode) {
        return FsWork.run("chmod", path, () -> {
            Files.setPosixFilePermissions(Path.of(path), permissions(mode));
            return null;
        });
    }

    /**
     * Checks that the file exists and that this process may use it as {@code mode} says ({@link #F_OK},
     * {@link #R_OK}, {@link #W_OK}, {@link #X_OK} or'ed); fails with {@code ENOENT} or {@code EACCES}
     * (node's {@code fs.access}).
     */
    public static Promise<Void> access(String path, int mode) {
        return FsWork.run("access", path, () -> {
            Path p = Path.of(path);
            if (!Files.exists(p)) {
                throw new NoSuchFileException(path);
            }
            boolean ok = ((mode & R_OK) == 0 || Files.isReadable(p))
                    && ((mode & W_OK) == 0 || Files.isWritable(p))
                    && ((mode & X_OK) == 0 || Files.isExecutable(p));
            if (!ok) {
                throw Errno.fileError("EACCES", "access", path);
            }
            return null;
        });
    }

    /** Checks that the file exists (node's {@code fs.access(path)}). */
    public static Promise<Void> access(String path) {
        return access(path, F_OK);
    }

    /** The absolute path with every symbolic link, {@code .} and {@code ..} resolved (node's {@code fs.realpath}). */
    public static Promise<String> realpath(String path) {
        return FsWork.run("realpath", path, () -> Path.of(path).toRealPath().toString());
    }

    /** A stream of the file's bytes in 64 KiB chunks (node's {@code fs.createReadStream(path)}). */
    public static Readable<Buffer> createReadStream(String path) {
        return createReadStream(path, ReadStreamOptions.defaults());
    }

    /** A stream of a range of the file's bytes (node's {@code fs.createReadStream(path, {start, end})}). */
    public static Readable<Buffer> createReadStream(String path, ReadStreamOptions options) {
        return new FileReadStream(path, options);
    }

    /** A stream writing to a file, truncating it first (node's {@code fs.createWriteStream(path)}). */
    public static Writable<Buffer> createWriteStream(String path) {
        return createWriteStream(path, WriteStreamOptions.defaults());
    }

    /** A stream writing to a file opened with the options' flags (node's {@code fs.createWriteStream(path, opts)}). */
    public static Writable<Buffer> createWriteStream(String path, WriteStreamOptions options) {
        return new FileWriteStream(path, options);
    }

    /**
     * Watches a directory for entries created, deleted or changed (node's {@code fs.watch(dir)}); fails at once
     * with {@code ENOENT} or {@code ENOTDIR}. The watcher keeps the loop alive until closed.
     */
    public static FsWatcher watch(String path) {
        return RealFsWatcher.watch(path);
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

}
