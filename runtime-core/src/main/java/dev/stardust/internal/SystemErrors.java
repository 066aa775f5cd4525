package dev.stardust.internal;

import dev.stardust.StardustException;
import io.netty.channel.ConnectTimeoutException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * Turns the exceptions of Netty and the JDK into node-style errors: {@code ECONNREFUSED}, {@code ECONNRESET},
 * {@code EADDRINUSE}... Netty's native transports and NIO word the same errno differently and carry it in
 * different types, so the OS's error text is the common ground, with the exception type as a fallback.
 */
public final class SystemErrors {
    private static final String[][] MESSAGES = {
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
        {"no such file or directory", "ENOENT"},
        {"too many open files", "EMFILE"},
        {"connection aborted", "ECONNABORTED"},
        {"protocol not available", "ENOPROTOOPT"},
        {"address family not supported", "EAFNOSUPPORT"},
        {"invalid argument", "EINVAL"},
    };

    private SystemErrors() {
    }

    /** The node-style code for {@code error}, e.g. {@code ECONNRESET}, or {@code EIO} when none fits. */
    public static String codeOf(Throwable error) {
        if (error instanceof StardustException se) {
            return se.code();
        }
        String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
        for (String[] entry : MESSAGES) {
            if (message.contains(entry[0])) {
                return entry[1];
            }
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
}
