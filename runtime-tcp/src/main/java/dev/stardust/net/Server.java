package dev.stardust.net;

import dev.stardust.AddressInfo;
import dev.stardust.EventEmitter;
import dev.stardust.Handle;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.net.internal.Listener;
import dev.stardust.net.internal.RealServer;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A TCP or Unix domain socket server, node's {@code net.Server}. Each accepted connection is a {@link Socket},
 * emitted as {@code connection}; other events are {@code listening}, {@code close} (after {@link #close()}, once the
 * last connection ended), {@code drop} (a connection refused past {@link #maxConnections(int) maxConnections}) and
 * {@code error}. A listening server keeps its loop alive unless {@link #unref() unref}'d.
 *
 * <p>A failed listen ({@code EADDRINUSE}, {@code EACCES}...) fails the promise {@link #listen} returned, and only that
 * (a rejection nobody handles reaches the loop's uncaught handler); {@code error} is for failures nobody could observe
 * through a promise. Loop thread only.
 *
 * <p>Servers come from {@link Net} and {@code Tls}; the class is sealed, so the runtime's implementation is the
 * only one.
 */
public abstract sealed class Server extends EventEmitter implements Handle permits RealServer {
    /** The listen backlog when none is given, as node's 511. */
    public static final int DEFAULT_BACKLOG = Listener.DEFAULT_BACKLOG;

    /** For the runtime's implementation. */
    protected Server() {
    }

    /**
     * Listens on {@code port} of every interface, 0 for any free port (node's {@code listen(port)}); the promise
     * resolves once listening, after the {@code listening} event.
     *
     * @throws StardustException {@code ERR_SOCKET_BAD_PORT}, or {@code ERR_SERVER_ALREADY_LISTEN} on a second call
     */
    public abstract Promise<Server> listen(int port);

    /** Listens on {@code port} of {@code host}, resolved as {@code dns.lookup} (node's {@code listen(port, host)}). */
    public abstract Promise<Server> listen(int port, String host);

    /**
     * Listens on {@code port} of {@code host} (every interface when empty) with a queue of {@code backlog} pending
     * connections (node's {@code listen(port, host, backlog)}).
     */
    public abstract Promise<Server> listen(int port, String host, int backlog);

    /**
     * Listens as {@code options} say: port, host, backlog and {@code SO_REUSEPORT} (node's
     * {@code listen(options)}).
     *
     * @throws StardustException {@code ERR_SERVER_ALREADY_LISTEN} on a second call, {@code ERR_REUSEPORT_UNSUPPORTED}
     *     for {@code reusePort} on NIO
     */
    public abstract Promise<Server> listen(ListenOptions options);

    /** Listens on a Unix domain socket at {@code path} (node's {@code listen(path)}); needs epoll or kqueue. */
    public abstract Promise<Server> listen(Path path);

    /** The most connections open at once, 0 (the default) for no limit (node's {@code server.maxConnections}). */
    public abstract int maxConnections();

    /**
     * Sets the most connections open at once, 0 for no limit (node's {@code server.maxConnections = n}): past it,
     * each new connection is closed as soon as it is accepted and {@code drop} is emitted with the peer's address.
     * A TLS server counts connections from their acceptance, handshakes in progress included, as node does.
     *
     * @throws StardustException {@code ERR_OUT_OF_RANGE} when negative
     */
    public abstract Server maxConnections(int max);

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

    /** Adds a listener for each accepted connection (node's {@code server.on('connection', socket => ...)}). */
    public Server onConnection(Consumer<? super Socket> listener) {
        on("connection", listener);
        return this;
    }

    /** Adds a listener for {@code listening} (node's {@code server.on('listening')}). */
    public Server onListening(Runnable listener) {
        onNoValue("listening", listener, false);
        return this;
    }

    /** Adds a listener for {@code close}, after {@link #close()} and the last connection (node's {@code 'close'}). */
    public Server onClose(Runnable listener) {
        onNoValue("close", listener, false);
        return this;
    }

    /**
     * Adds a listener for {@code drop}: a connection was closed at once because {@link #maxConnections()} were
     * open; the value is the peer's address (node's {@code server.on('drop', data => ...)}).
     */
    public Server onDrop(Consumer<? super AddressInfo> listener) {
        on("drop", listener);
        return this;
    }

    /** Adds a listener for {@code error} (node's {@code server.on('error')}). */
    public Server onError(Consumer<? super Throwable> listener) {
        on("error", listener);
        return this;
    }
}
