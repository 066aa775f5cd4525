package dev.stardust.http;

import dev.stardust.Handle;
import dev.stardust.Promise;
import dev.stardust.http.internal.ServerCore;
import dev.stardust.internal.RealLoop;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * node's {@code http.Server}: accepts connections and hands each request to the {@code request} listeners with its
 * {@link ServerResponse}. Keeps its loop alive from {@link #listen} until {@link #close()} has finished (unless
 * {@link #unref() unreferenced}). Events: {@code listening}, {@code close}, {@code error} (listening failed),
 * {@code upgrade} (an {@link Upgrade}, see {@link #onUpgrade}). Loop thread only.
 */
public final class HttpServer extends dev.stardust.EventEmitter implements Handle {
    private final ServerCore core;

    HttpServer(HttpServerOptions options) {
        this.core = new ServerCore(RealLoop.current(), options, this);
    }

    /** An HTTPS server (see {@link Https}). */
    HttpServer(HttpServerOptions options, dev.stardust.tls.TlsOptions tls) {
        this(options);
        core.secure(dev.stardust.tls.internal.TlsLayer.server(tls));
    }

    /** Adds a listener for each request (node's {@code server.on('request', (req, res) => ...)}). */
    public HttpServer onRequest(BiConsumer<IncomingMessage, ServerResponse> handler) {
        core.addRequestHandler(handler);
        return this;
    }

    /**
     * Adds a listener for requests that sent {@code Expect: 100-continue}; with one, no {@code 100 Continue} is sent
     * automatically and the request goes here instead of to {@code request} (node's {@code 'checkContinue'}).
     */
    public HttpServer onCheckContinue(BiConsumer<IncomingMessage, ServerResponse> handler) {
        core.addCheckContinueHandler(handler);
        return this;
    }

    /**
     * Adds a listener for upgrade requests ({@code Connection: upgrade} and an {@code Upgrade} header, no body), node's
     * {@code server.on('upgrade', (req, socket, head) => ...)}. With at least one, such a request is not answered:
     * the connection leaves HTTP and is handed over as a {@link dev.stardust.net.Socket}, whose first {@code data}
     * are the bytes that followed the head (node's {@code head}); the listener writes the {@code 101} itself. Without
     * one, the request goes to the {@code request} listeners as any other. An upgraded socket no longer counts as a
     * connection of this server: {@link #close()} does not wait for it, the socket keeps the loop alive by itself.
     */
    public HttpServer onUpgrade(Consumer<Upgrade> listener) {
        on("upgrade", listener);
        return this;
    }

    /** Starts listening on {@code port} (0: any free port) on all interfaces (node's {@code server.listen(port)}). */
    public Promise<HttpServer> listen(int port) {
        return core.listen(port, null).map(v -> this);
    }

    /** As {@link #listen(int)}, then runs {@code onListening} as a {@code listening} listener (node's trailing callback). */
    public HttpServer listen(int port, Runnable onListening) {
        once("listening", onListening);
        core.listen(port, null);
        return this;
    }

    /** Starts listening on {@code host}'s address and {@code port} (node's {@code server.listen(port, host)}). */
    public Promise<HttpServer> listen(int port, String host) {
        return core.listen(port, host).map(v -> this);
    }

    /** As {@link #listen(int, String)} with a {@code listening} listener. */
    public HttpServer listen(int port, String host, Runnable onListening) {
        once("listening", onListening);
        core.listen(port, host);
        return this;
    }

    /** The bound address once listening (node's {@code server.address()}). */
    public Optional<InetSocketAddress> address() {
        return core.address();
    }

    /** Whether the server is accepting connections (node's {@code server.listening}). */
    public boolean listening() {
        return core.listening();
    }

    /** The number of open connections (node's {@code server.getConnections}). */
    public int connections() {
        return core.connectionCount();
    }

    /** Connections accepted and closed at once because {@code maxConnections} was reached. */
    public long rejectedConnections() {
        return core.rejectedConnections();
    }

    /**
     * Stops accepting, lets in-flight requests finish and closes idle keep-alive connections; the promise completes
     * (and {@code close} is emitted) once every connection is gone (node's {@code server.close()}).
     */
    public Promise<Void> close() {
        return core.close();
    }

    /** Destroys every open connection now, in-flight requests included (node's {@code closeAllConnections()}). */
    public void closeAllConnections() {
        core.closeAllConnections();
    }

    /** Closes every connection not serving a request now (node's {@code closeIdleConnections()}). */
    public void closeIdleConnections() {
        core.closeIdleConnections();
    }

    @Override
    public HttpServer ref() {
        core.ref();
        return this;
    }

    @Override
    public HttpServer unref() {
        core.unref();
        return this;
    }

    @Override
    public boolean hasRef() {
        return core.hasRef();
    }
}
