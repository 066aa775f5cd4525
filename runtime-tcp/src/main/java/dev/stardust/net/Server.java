package dev.stardust.net;

import dev.stardust.AddressInfo;
import dev.stardust.EventEmitter;
import dev.stardust.Handle;
import dev.stardust.Promise;
import dev.stardust.net.internal.RealServer;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A TCP or Unix domain socket server, node's {@code net.Server}. Each accepted connection is a {@link Socket},
 * emitted as {@code connection}; other events are {@code listening}, {@code close} (after {@link #close()}, once the
 * last connection ended) and {@code error}. A listening server keeps its loop alive unless {@link #unref() unref}'d.
 *
 * <p>A failed listen ({@code EADDRINUSE}, {@code EACCES}...) is emitted as {@code error} and fails the promise
 * {@link #listen} returned; the promise's failure counts as handled, so the error surfaces once, through the
 * {@code error} event (or the uncaught handler when nobody listens). Loop thread only.
 *
 * <p>Servers come from {@link Net} and {@code Tls}; the class is sealed, so the runtime's implementation is the
 * only one.
 */
public abstract sealed class Server extends EventEmitter implements Handle permits RealServer {
    /** The listen backlog when none is given, as node's 511. */
    public static final int DEFAULT_BACKLOG = 511;

    /** For the runtime's implementation. */
    protected Server() {
    }

    /** Listens on {@code port} of every interface, 0 for any free port (node's {@code listen(port)}). */
    public abstract Promise<Server> listen(int port);

    /** Listens, then calls {@code onListening} as a {@code listening} listener (node's {@code listen(port, cb)}). */
    public abstract Promise<Server> listen(int port, Runnable onListening);

    /** Listens on {@code port} of {@code host}, resolved as {@code dns.lookup} (node's {@code listen(port, host)}). */
    public abstract Promise<Server> listen(int port, String host);

    /** As {@link #listen(int, String)}, with a {@code listening} listener. */
    public abstract Promise<Server> listen(int port, String host, Runnable onListening);

    /**
     * Listens on {@code port} of {@code host} (every interface when empty) with a queue of {@code backlog} pending
     * connections (node's {@code listen(port, host, backlog, cb)}); {@code onListening} may be null.
     */
    public abstract Promise<Server> listen(int port, String host, int backlog, @Nullable Runnable onListening);

    /** Listens on a Unix domain socket at {@code path} (node's {@code listen(path)}); needs epoll or kqueue. */
    public abstract Promise<Server> listen(Path path);

    /** As {@link #listen(Path)}, with a {@code listening} listener (may be null). */
    public abstract Promise<Server> listen(Path path, @Nullable Runnable onListening);

    /** The number of open connections (node's {@code getConnections}). */
    public abstract int connections();

    /** Whether the server is accepting connections (node's {@code listening}). */
    public abstract boolean listening();

    /** The bound address, family and port (node's {@code address()}); fails before {@code listening}. */
    public abstract AddressInfo address();

    /**
     * Stops accepting connections; the promise completes, and {@code close} is emitted, once the last open
     * connection has ended (node's {@code close(cb)}). Open connections are left alone.
     */
    public abstract Promise<Void> close();

    @Override
    public abstract Server ref();

    @Override
    public abstract Server unref();
}
