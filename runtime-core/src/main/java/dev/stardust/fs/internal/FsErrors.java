package dev.stardust.fs.internal;

import dev.stardust.StardustException;
import dev.stardust.internal.SystemErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns the JDK's file exceptions into node's errors: the exception type where the JDK has one
 * ({@link NoSuchFileException} is {@code ENOENT}), else the operating system's reason text, which the JDK keeps
 * in {@link FileSystemException#getReason()} ("Is a directory" is {@code EISDIR}). Messages read as node's:
 * {@code ENOENT: no such file or directory, open '/x'}.
 */
public final class FsErrors {
    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("ENOENT", "no such file or directory"),
            Map.entry("EACCES", "permission denied"),
            Map.entry("EPERM", "operation not permitted"),
            Map.entry("EEXIST", "file already exists"),
            Map.entry("EISDIR", "illegal operation on a directory"),
            Map.entry("ENOTDIR", "not a directory"),
            Map.entry("ENOTEMPTY", "directory not empty"),
            Map.entry("ELOOP", "too many symbolic links encountered"),
            Map.entry("EINVAL", "invalid argument"),
            Map.entry("EROFS", "read-only file system"),
            Map.entry("ENOSPC", "no space left on device"),
            Map.entry("EMFILE", "too many open files"),
            Map.entry("EXDEV", "cross-device link not permitted"),
            Map.entry("EBADF", "bad file descriptor"),
            Map.entry("EIO", "i/o error"));
    private static final String[][] REASONS = {
        {"no such file", "ENOENT"},
        {"permission denied", "EACCES"},
        {"operation not permitted", "EPERM"},
        {"file exists", "EEXIST"},
        {"is a directory", "EISDIR"},
        {"not a directory", "ENOTDIR"},
        {"directory not empty", "ENOTEMPTY"},
        {"too many levels of symbolic links", "ELOOP"},
        {"invalid argument", "EINVAL"},
        {"read-only file system", "EROFS"},
        {"no space left", "ENOSPC"},
        {"too many open files", "EMFILE"},
        {"cross-device link", "EXDEV"},
        {"bad file descriptor", "EBADF"},
    };

    private FsErrors() {
    }

    /** {@code error} as a node error of {@code syscall} on {@code path}; a StardustException passes unchanged. */
    public static StardustException translate(Throwable error, String syscall, String path) {
        if (error instanceof StardustException se) {
            return se;
        }
        if (error instanceof UncheckedIOException u) {
            return translate(u.getCause(), syscall, path);
        }
        return create(codeOf(error), syscall, path, error);
    }

    /** A node error with {@code code} for {@code syscall} on {@code path}, e.g. {@code EISDIR} for a read. */
    public static StardustException create(String code, String syscall, String path, Throwable cause) {
        String description = DESCRIPTIONS.getOrDefault(code, code.toLowerCase(Locale.ROOT));
        return new StardustException(code, description + ", " + syscall + " '" + path + "'", cause);
    }

    /** As {@link #create(String, String, String, Throwable)}, with no cause. */
    public static StardustException create(String code, String syscall, String path) {
        String description = DESCRIPTIONS.getOrDefault(code, code.toLowerCase(Locale.ROOT));
        return new StardustException(code, description + ", " + syscall + " '" + path + "'");
    }

    /**
     * Whether the nearest existing ancestor of {@code file} is not a directory: the OS says {@code ENOTDIR} there,
     * which some JDKs (25's stat) report as a {@link NoSuchFileException}.
     */
    private static boolean underAFile(@Nullable String file) {
        if (file == null) {
            return false;
        }
        try {
            for (Path parent = Path.of(file).getParent(); parent != null; parent = parent.getParent()) {
                if (Files.exists(parent)) {
                    return !Files.isDirectory(parent);
                }
            }
        } catch (RuntimeException invalidPath) {
            return false;
        }
        return false;
    }

    static String codeOf(Throwable error) {
        if (error instanceof NoSuchFileException nsf) {
            return underAFile(nsf.getFile()) ? "ENOTDIR" : "ENOENT";
        }
        if (error instanceof AccessDeniedException) {
            return "EACCES";
        }
        if (error instanceof FileAlreadyExistsException) {
            return "EEXIST";
        }
        if (error instanceof DirectoryNotEmptyException) {
            return "ENOTEMPTY";
        }
        if (error instanceof NotDirectoryException) {
            return "ENOTDIR";
        }
        if (error instanceof NotLinkException) {
            return "EINVAL";
        }
        if (error instanceof FileSystemLoopException) {
            return "ELOOP";
        }
        String reason = error instanceof FileSystemException fse && fse.getReason() != null
                ? fse.getReason() : String.valueOf(error.getMessage());
        reason = reason.toLowerCase(Locale.ROOT);
        for (String[] entry : REASONS) {
            if (reason.contains(entry[0])) {
                return entry[1];
            }
        }
        if (error instanceof IOException) {
            String code = SystemErrors.codeOf(error);
            return code;
        }
        return "EIO";
    }
}
