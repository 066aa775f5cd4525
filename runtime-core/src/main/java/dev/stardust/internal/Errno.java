package dev.stardust.internal;

import dev.stardust.StardustException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.unix.Errors.NativeIoException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one table from the errors of Netty, the JDK and the OS to node's error codes ({@code ENOENT},
 * {@code ECONNREFUSED}, {@code EADDRINUSE}...), for files, sockets, datagrams, DNS and HTTP alike.
 *
 * <p>The errno number decides when there is one: Netty's native transports throw a {@link NativeIoException}
 * carrying it, and the numbers are the OS's (epoll runs on Linux, kqueue on macOS and the BSDs, which number the
 * network errors differently). Without a number, the JDK's exception type decides where it has one
 * ({@link NoSuchFileException} is {@code ENOENT}), then the OS's error text, which NIO and the JDK's file system
 * keep in the message or in {@link FileSystemException#getReason()}, then the type of a network exception.
 */
public final class Errno {
    /** errno numbers of Linux (epoll, io_uring); Netty carries them negated. */
    private static final Object[] LINUX = {
        1, "EPERM", 2, "ENOENT", 5, "EIO", 9, "EBADF", 11, "EAGAIN", 12, "ENOMEM", 13, "EACCES", 17, "EEXIST",
        18, "EXDEV", 20, "ENOTDIR", 21, "EISDIR", 22, "EINVAL", 24, "EMFILE", 28, "ENOSPC", 30, "EROFS", 32, "EPIPE",
        39, "ENOTEMPTY", 40, "ELOOP", 90, "EMSGSIZE", 92, "ENOPROTOOPT", 97, "EAFNOSUPPORT", 98, "EADDRINUSE",
        99, "EADDRNOTAVAIL", 100, "ENETDOWN", 101, "ENETUNREACH", 103, "ECONNABORTED", 104, "ECONNRESET",
        105, "ENOBUFS", 106, "EISCONN", 107, "ENOTCONN", 110, "ETIMEDOUT", 111, "ECONNREFUSED", 112, "EHOSTDOWN",
        113, "EHOSTUNREACH", 114, "EALREADY", 115, "EINPROGRESS",
    };
    /** errno numbers of macOS and the BSDs (kqueue): the same up to 34, then their own. */
    private static final Object[] BSD = {
        1, "EPERM", 2, "ENOENT", 5, "EIO", 9, "EBADF", 12, "ENOMEM", 13, "EACCES", 17, "EEXIST", 18, "EXDEV",
        20, "ENOTDIR", 21, "EISDIR", 22, "EINVAL", 24, "EMFILE", 28, "ENOSPC", 30, "EROFS", 32, "EPIPE", 35, "EAGAIN",
        36, "EINPROGRESS", 37, "EALREADY", 40, "EMSGSIZE", 42, "ENOPROTOOPT", 47, "EAFNOSUPPORT", 48, "EADDRINUSE",
        49, "EADDRNOTAVAIL", 50, "ENETDOWN", 51, "ENETUNREACH", 53, "ECONNABORTED", 54, "ECONNRESET", 55, "ENOBUFS",
        56, "EISCONN", 57, "ENOTCONN", 60, "ETIMEDOUT", 61, "ECONNREFUSED", 62, "ELOOP", 64, "EHOSTDOWN",
        65, "EHOSTUNREACH", 66, "ENOTEMPTY",
    };
    private static final Map<Integer, String> BY_NUMBER = byNumber(System.getProperty("os.name", ""));

    /**
     * The OS's error texts: strerror's words as Netty's native transports, NIO and the JDK's file system print
     * them. The first entry contained in the lower-cased text wins.
     */
    private static final String[][] TEXTS = {
        {"connection refused", "ECONNREFUSED"},
        {"connection reset", "ECONNRESET"},
        {"broken pipe", "EPIPE"},
        {"address already in use", "EADDRINUSE"},
        {"cannot assign requested address", "EADDRNOTAVAIL"},
        {"network is unreachable", "ENETUNREACH"},
        {"no route to host", "EHOSTUNREACH"},
        {"connection timed out", "ETIMEDOUT"},
        {"permission denied", "EACCES"},
        {"message too long", "EMSGSIZE"},
        {"no such file", "ENOENT"},
        {"too many open files", "EMFILE"},
        {"connection aborted", "ECONNABORTED"},
        {"protocol not available", "ENOPROTOOPT"},
        {"address family not supported", "EAFNOSUPPORT"},
        {"invalid argument", "EINVAL"},
        {"operation not permitted", "EPERM"},
        {"file exists", "EEXIST"},
        {"is a directory", "EISDIR"},
        {"not a directory", "ENOTDIR"},
        {"directory not empty", "ENOTEMPTY"},
        {"too many levels of symbolic links", "ELOOP"},
        {"read-only file system", "EROFS"},
        {"no space left", "ENOSPC"},
        {"cross-device link", "EXDEV"},
        {"bad file descriptor", "EBADF"},
    };

    /** node's descriptions, for the messages of file errors: {@code ENOENT: no such file or directory, open '/x'}. */
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

    private Errno() {
    }

    /** The node-style code for {@code error}, e.g. {@code ECONNRESET}, or {@code EIO} when none fits. */
    public static String codeOf(Throwable error) {
        if (error instanceof StardustException se) {
            return se.code();
        }
        if (error instanceof NativeIoException nio) {
            String code = BY_NUMBER.get(-nio.expectedErr());
            if (code != null) {
                return code;
            }
        }
        String byType = fileCodeOf(error);
        if (byType != null) {
            return byType;
        }
        String text = error instanceof FileSystemException fse && fse.getReason() != null
                ? fse.getReason() : String.valueOf(error.getMessage());
        text = text.toLowerCase(Locale.ROOT);
        for (String[] entry : TEXTS) {
            if (text.contains(entry[0])) {
                return entry[1];
            }
        }
        if (error instanceof FileNotFoundException) {
            // Without the OS's words: Netty's native transports say so of a missing Unix socket file.
            return "ENOENT";
        }
        if (error instanceof ConnectTimeoutException || error instanceof SocketTimeoutException) {
            return "ETIMEDOUT";
        }
        if (error instanceof BindException) {
            return "EADDRINUSE";
        }
        if (error instanceof ConnectException) {
            return "ECONNREFUSED";
        }
        if (error instanceof NoRouteToHostException) {
            return "EHOSTUNREACH";
        }
        if (error instanceof PortUnreachableException) {
            return "ECONNREFUSED";
        }
        if (error instanceof UnknownHostException) {
            return "ENOTFOUND";
        }
        if (error instanceof ClosedChannelException) {
            return "EPIPE";
        }
        return "EIO";
    }

    /**
     * {@code error} as a {@link StardustException} naming the failed operation and address, as node's
     * {@code connect ECONNREFUSED 127.0.0.1:80}; a StardustException passes through unchanged.
     */
    public static StardustException from(Throwable error, String syscall, String address) {
        if (error instanceof StardustException se) {
            return se;
        }
        String code = codeOf(error);
        String detail = address.isEmpty() ? syscall + " " + code : syscall + " " + code + " " + address;
        return new StardustException(code, detail, error);
    }

    /**
     * {@code error} as node's error of {@code syscall} on the file {@code path}, as
     * {@code ENOENT: no such file or directory, open '/x'}; a StardustException passes unchanged.
     */
    public static StardustException fileError(Throwable error, String syscall, String path) {
        if (error instanceof StardustException se) {
            return se;
        }
        if (error instanceof UncheckedIOException u) {
            return fileError(u.getCause(), syscall, path);
        }
        return fileError(codeOf(error), syscall, path, error);
    }

    /** A node error with {@code code} for {@code syscall} on the file {@code path}, e.g. {@code EISDIR} for a read. */
    public static StardustException fileError(String code, String syscall, String path, Throwable cause) {
        return new StardustException(code, fileMessage(code, syscall, path), cause);
    }

    /** As {@link #fileError(String, String, String, Throwable)}, with no cause. */
    public static StardustException fileError(String code, String syscall, String path) {
        return new StardustException(code, fileMessage(code, syscall, path));
    }

    private static String fileMessage(String code, String syscall, String path) {
        String description = DESCRIPTIONS.getOrDefault(code, code.toLowerCase(Locale.ROOT));
        return description + ", " + syscall + " '" + path + "'";
    }

    /** The code of the JDK's file exceptions that say what went wrong by their type, or null. */
    private static @Nullable String fileCodeOf(Throwable error) {
        if (!(error instanceof IOException)) {
            return null;
        }
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
        return null;
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

    private static Map<Integer, String> byNumber(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        Object[] table = os.contains("linux") ? LINUX
                : os.contains("mac") || os.contains("darwin") || os.contains("bsd") ? BSD : new Object[0];
        Map<Integer, String> map = new HashMap<>();
        for (int i = 0; i < table.length; i += 2) {
            map.put((Integer) table[i], (String) table[i + 1]);
        }
        return map;
    }
}
