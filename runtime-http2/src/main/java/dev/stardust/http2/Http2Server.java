package dev.stardust.http2;

import dev.stardust.AddressInfo;
import dev.stardust.EventEmitter;
import dev.stardust.Handle;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.http.IncomingMessage;
import dev.stardust.http.ServerResponse;
import dev.stardust.http2.internal.Http2ServerCore;
import dev.stardust.internal.RealLoop;
import dev.stardust.net.internal.Listener;
import dev.stardust.tls.TlsOptions;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * node's {@code Http2Server} and {@code Http2SecureServer} with the compatibility API: each request, whichever
 * protocol the connection speaks, goes to the {@code request} listeners as the {@link IncomingMessage} and
 * {@link ServerResponse} of {@code dev.stardust.http}, so a handler written for {@code Http.createServer} serves
 * HTTP/2 unchanged. Over TLS the protocol is chosen by ALPN ({@code h2}, else HTTP/1.1); in cleartext by the first
 * bytes (the HTTP/2 preface: h2c with prior knowledge; the {@code Upgrade: h2c} exchange is not supported, as in
 * most servers). Keeps its loop alive from {@link #listen} until {@link #close()} has finished. Events:
 * {@code request}, {@code listening}, {@code close}. Loop thread only.
 */
public final class Http2Server extends EventEmitter implements Handle {
    private final Http2ServerCore core;

    Http2Server(Http2ServerOptions options, @Nullable TlsOptions tls) {
        this.core = new Http2ServerCore(RealLoop.current(), options, this, tls);
    }

    /** Adds a listener for each request (node's {@code server.on('request', (req, res) => ...)}). */
    public Http2Server onRequest(BiConsumer<IncomingMessage, ServerResponse> handler) {
        core.addRequestHandler(handler);
        return this;
    }

    /**
     * Starts listening on {@code port} (0: any free port) on all interfaces (node's {@code server.listen(port)}); the
     * promise resolves once listening, after the {@code listening} event, or fails with node's error.
     *
     * @throws StardustException {@code ERR_SOCKET_BAD_PORT}, or {@code ERR_SERVER_ALREADY_LISTEN} on a second call
     */
    public Promise<Http2Server> listen(int port) {
        return listen(port, "");
    }

    /** Starts listening on {@code host}'s address and {@code port} (node's {@code server.listen(port, host)}). */
    public Promise<Http2Server> listen(int port, String host) {
        return core.listen(port, host, Listener.DEFAULT_BACKLOG).map(v -> this);
    }

    /**
     * The bound address, family and port (node's {@code server.address()}).
     *
     * @throws StardustException {@code ERR_SERVER_NOT_RUNNING} when not listening
     */
    public AddressInfo address() {
        return core.address();
    }

    /** Whether the server is accepting connections (node's {@code server.listening}). */
    public boolean listening() {
        return core.listening();
    }

    /** The open connections, HTTP/2 sessions and HTTP/1.1 connections together (node's {@code getConnections}). */
    public int connections() {
        return core.connectionCount();
    }

    /** The open HTTP/2 sessions. */
    public int sessions() {
        return core.sessionCount();
    }

    /** Connections accepted and closed at once because {@code maxConnections} was reached. */
    public long rejectedConnections() {
        return core.rejectedConnections();
    }

    /**
     * Stops accepting, sends {@code GOAWAY} to every session and lets open streams and in-flight HTTP/1.1 requests
     * finish; the promise completes (and {@code close} is emitted) once every connection is gone (node's
     * {@code server.close()}).
     */
    public Promise<Void> close() {
        return core.close();
    }

    /** Destroys every open connection now, open streams included (node's {@code closeAllConnections()}). */
    public void closeAllConnections() {
        core.closeAllConnections();
    }

    @Override
    public Http2Server ref() {
        core.ref();
        return this;
    }

    @Override
    public Http2Server unref() {
        core.unref();
        return this;
    }

    @Override
    public boolean hasRef() {
        return core.hasRef();
    }

    /** Adds a listener for {@code listening} (node's {@code server.on('listening')}). */
    public Http2Server onListening(Runnable listener) {
        onNoValue("listening", listener, false);
        return this;
    }

    /** Adds a listener for {@code close}: closed and the last connection gone (node's {@code server.on('close')}). */
    public Http2Server onClose(Runnable listener) {
        onNoValue("close", listener, false);
        return this;
    }
}
