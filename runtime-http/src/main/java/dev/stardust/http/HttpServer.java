package dev.stardust.http;

import dev.stardust.AddressInfo;
import dev.stardust.EventEmitter;
import dev.stardust.Handle;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.http.internal.ServerCore;
import dev.stardust.internal.RealLoop;
import dev.stardust.net.internal.Listener;
import dev.stardust.tls.TlsOptions;
import dev.stardust.tls.internal.TlsLayer;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * node's {@code http.Server}: accepts connections and hands each request to the {@code request} listeners with its
 * {@link ServerResponse}. Keeps its loop alive from {@link #listen} until {@link #close()} has finished (unless
 * {@link #unref() unreferenced}). Events: {@code request}, {@code listening}, {@code close}, {@code upgrade} (an
 * {@link Upgrade}, see {@link #onUpgrade}) and {@code checkContinue}. A failed {@link #listen} fails its promise and
 * nothing else, as every one-shot operation in Stardust. The TCP side (ports, backlog, errors) is
 * {@code net.Server}'s. Loop thread only.
 */
public final class HttpServer extends EventEmitter implements Handle {
    private final ServerCore core;

    HttpServer(HttpServerOptions options) {
        this.core = new ServerCore(RealLoop.current(), options, this);
    }

    /** An HTTPS server (see {@link Https}). */
    HttpServer(HttpServerOptions options, TlsOptions tls) {
        this(options);
        core.secure(TlsLayer.server(tls));
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

    /**
     * Starts listening on {@code port} (0: any free port) on all interfaces (node's {@code server.listen(port)}); the
     * promise resolves once listening, after the {@code listening} event, or fails with node's error
     * ({@code EADDRINUSE}...), which is then reported nowhere else.
     *
     * @throws StardustException {@code ERR_SOCKET_BAD_PORT}, or {@code ERR_SERVER_ALREADY_LISTEN} on a second call
     */
    public Promise<HttpServer> listen(int port) {
        return listen(port, "", Listener.DEFAULT_BACKLOG);
    }

    /** Starts listening on {@code host}'s address and {@code port} (node's {@code server.listen(port, host)}). */
    public Promise<HttpServer> listen(int port, String host) {
        return listen(port, host, Listener.DEFAULT_BACKLOG);
    }

    /**
     * Starts listening on {@code port} of {@code host} (every interface when empty) with a queue of {@code backlog}
     * pending connections (node's {@code server.listen(port, host, backlog)}; the default is node's 511).
     */
    public Promise<HttpServer> listen(int port, String host, int backlog) {
        return core.listen(port, host, backlog).map(v -> this);
    }

    /** Starts listening on a Unix domain socket at {@code path} (node's {@code server.listen(path)}); needs epoll or kqueue. */
    public Promise<HttpServer> listen(Path path) {
        return core.listen(path, Listener.DEFAULT_BACKLOG).map(v -> this);
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

    /** Adds a listener for {@code listening} (node's {@code server.on('listening')}). */
    public HttpServer onListening(Runnable listener) {
        onNoValue("listening", listener, false);
        return this;
    }

    /** Adds a listener for {@code close}: closed and the last connection gone (node's {@code server.on('close')}). */
    public HttpServer onClose(Runnable listener) {
        onNoValue("close", listener, false);
        return this;
    }
}
