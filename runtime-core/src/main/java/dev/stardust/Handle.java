package dev.stardust;

/**
 * Something that keeps its loop alive while it is open and referenced: a timer, a server, a socket, a request
 * in flight. {@link Loop#run} returns once no referenced handle is left, as node exits when its loop is empty.
 * Like libuv's, the reference is a flag, not a count: {@link #ref()} and {@link #unref()} are idempotent.
 */
public interface Handle {

    /** Lets this handle keep the loop alive again (node's {@code handle.ref()}). Idempotent. */
    Handle ref();

    /** Stops this handle from keeping the loop alive; it still works while the loop runs (node's {@code unref()}). */
    Handle unref();

    /** Whether this handle currently keeps the loop alive (node's {@code hasRef()}). */
    boolean hasRef();
}
