package dev.stardust;

import org.jspecify.annotations.Nullable;

/**
 * An error with a node-style code such as {@code ECONNREFUSED}, {@code EADDRINUSE} or {@code ERR_INVALID_ARG_VALUE},
 * so that programs can branch on {@link #code()} as they do on node's {@code err.code}. Unchecked, like every
 * exception in Stardust's API.
 */
public class StardustException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;

    /** An error with the given code and message. */
    public StardustException(String code, String message) {
        this(code, message, null);
    }

    /** An error with the given code and message, caused by {@code cause}. */
    public StardustException(String code, String message, @Nullable Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    /** The node-style error code, e.g. {@code ECONNRESET} (node's {@code err.code}). */
    public String code() {
        return code;
    }
}
