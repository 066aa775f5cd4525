package dev.stardust.http.internal;

/**
 * The deadlines of a server connection, checked by the server's sweep rather than by a timer per request: the headers
 * timeout from a request's first bytes, the request timeout from its head to the end of its body, the keep-alive
 * timeout between requests, and how long the channel may stay unable to take more output (a client that does not
 * read). Deadlines set within a read batch take the batch's start time instead of reading the clock per request.
 */
final class ConnectionDeadlines {
    /** What {@link #expired} found. */
    static final int NONE = 0;
    static final int STALLED = 1;
    static final int KEEP_ALIVE = 2;
    static final int REQUEST = 3;

    private static final int IDLE = 0;
    private static final int HEAD = 1;
    private static final int BODY = 2;
    private static final int WAITING = 3;

    private final ServerCore server;
    private final ConnectionOutput output;
    private int phase = HEAD;
    private long deadline;
    private long stalledSince;
    /** When the current read batch began; 0 outside one. Deadlines set while reading take it instead of a clock read. */
    private long readNanos;

    ConnectionDeadlines(ServerCore server, ConnectionOutput output) {
        this.server = server;
        this.output = output;
    }

    /** The connection was accepted: its first request's headers are due. */
    void accepted() {
        deadline = System.nanoTime() + server.headersTimeoutNanos;
    }

    /** Bytes arrived: a read batch begins, and after an idle spell the next request's headers are due. */
    void onBytes() {
        readNanos = System.nanoTime();
        if (phase == IDLE) {
            phase = HEAD;
            deadline = now() + server.headersTimeoutNanos;
        }
    }

    /** Held-back requests are decoded outside a read batch: they take this moment as their batch's. */
    void resumed() {
        readNanos = System.nanoTime();
    }

    void readEnded() {
        readNanos = 0;
    }

    /** A request's head was dispatched: its body is due within the request timeout. */
    void bodyDue() {
        phase = BODY;
        deadline = now() + server.requestTimeoutNanos;
    }

    /** The request was read whole (or changes hands): only the handler is waited for, with no deadline. */
    void waiting() {
        phase = WAITING;
        deadline = 0;
    }

    /** The request was read whole: stops the headers or request deadline. */
    void requestRead() {
        if (phase == BODY || phase == HEAD) {
            waiting();
        }
    }

    /**
     * No request in flight: the keep-alive countdown starts now. The clock is read, not the batch's start: handlers
     * answering inside one long batch (slow ones, or many pipelined requests on a cold loop) would otherwise close
     * the connection early on a client that trusts {@code Keep-Alive: timeout}.
     */
    void idle() {
        phase = IDLE;
        deadline = System.nanoTime() + server.keepAliveTimeoutNanos;
    }

    void writability(boolean writable) {
        stalledSince = writable ? 0 : System.nanoTime();
    }

    /**
     * What ran out at {@code now}: {@link #STALLED} output, the {@link #KEEP_ALIVE} time, the {@link #REQUEST}'s
     * headers or body time, or {@link #NONE}. A deadline reported is cleared.
     */
    int expired(long now) {
        if (stalledSince != 0 && now - stalledSince > server.options.writeStallTimeout().toNanos()) {
            return STALLED;
        }
        if (deadline == 0 || now - deadline < 0) {
            return NONE;
        }
        deadline = 0;
        if (phase == IDLE) {
            return KEEP_ALIVE;
        }
        return phase == HEAD || phase == BODY ? REQUEST : NONE;
    }

    /** The time for a deadline: the read batch's start inside one (a clock read per request saved), else the clock. */
    private long now() {
        long t = readNanos;
        return output.inRead() && t != 0 ? t : System.nanoTime();
    }
}
