package dev.stardust.http2;

import dev.stardust.EventEmitter;
import dev.stardust.Handle;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.http.ClientRequest;
import dev.stardust.http.IncomingMessage;
import dev.stardust.http2.internal.ClientSession;
import dev.stardust.internal.RealLoop;
import dev.stardust.tls.TlsOptions;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * node's {@code ClientHttp2Session}: one connection to one origin carrying any number of concurrent requests, each on
 * its own stream. A request is the HTTP client's {@link ClientRequest} and its response an {@link IncomingMessage},
 * so code written for {@code Http.request} reads the same; requests made before {@code connect} wait for it. The
 * session keeps the loop alive until {@link #close()} (or the server's {@code GOAWAY}) ends it, as node's does.
 * Events: {@code connect}, {@code error} (the connection failed: {@code ECONNREFUSED}, {@code ENOTFOUND}, TLS codes,
 * {@code ERR_HTTP2_ERROR} when the server does not speak h2), {@code goaway}, {@code close}. Loop thread only.
 */
public final class Http2Session extends EventEmitter implements Handle {
    private final ClientSession core;

    Http2Session(String host, int port, @Nullable TlsOptions tls) {
        this.core = new ClientSession(RealLoop.current(), this, host, port, tls);
    }

    /**
     * Starts a request for {@code path} with {@code method}; write a body if any, then {@code end()} it.
     * {@code onResponse} gets the response once its head arrived (node's {@code session.request({':method',
     * ':path'})} and its {@code response} event).
     *
     * @throws StardustException {@code ERR_HTTP2_INVALID_SESSION} once the session is closing or closed
     */
    public ClientRequest request(String method, String path, Consumer<IncomingMessage> onResponse) {
        return core.request(method, path, onResponse);
    }

    /** A GET of {@code path}, already ended (node's {@code session.request({':path': path}).end()}). */
    public ClientRequest get(String path, Consumer<IncomingMessage> onResponse) {
        ClientRequest request = request("GET", path, onResponse);
        request.end();
        return request;
    }

    /** {@code h2} over TLS, {@code h2c} in cleartext (node's {@code session.alpnProtocol}). */
    public String alpnProtocol() {
        return core.alpnProtocol();
    }

    /** Whether the connection is up and the session not yet closed (node's {@code !session.connecting}). */
    public boolean connected() {
        return core.connected();
    }

    /** Whether the session has ended (node's {@code session.closed}). */
    public boolean closed() {
        return core.isClosed();
    }

    /**
     * Takes no new requests, lets the open ones finish, then sends {@code GOAWAY} and closes; the promise completes
     * once closed, also when the connection had failed (node's {@code session.close()}).
     */
    public Promise<Void> close() {
        return core.close();
    }

    /** Closes the connection now; open requests fail or their responses are aborted (node's {@code destroy()}). */
    public void destroy() {
        core.destroy();
    }

    @Override
    public Http2Session ref() {
        core.ref();
        return this;
    }

    @Override
    public Http2Session unref() {
        core.unref();
        return this;
    }

    @Override
    public boolean hasRef() {
        return core.hasRef();
    }

    /** Adds a listener for {@code connect}: the connection is up and speaks HTTP/2 (node's {@code 'connect'}). */
    public Http2Session onConnect(Runnable listener) {
        onNoValue("connect", listener, false);
        return this;
    }

    /** Adds a listener for {@code error}: the connection failed (node's {@code session.on('error')}). */
    public Http2Session onError(Consumer<? super Throwable> listener) {
        on("error", listener);
        return this;
    }

    /** Adds a listener for {@code close}: the session has ended (node's {@code session.on('close')}). */
    public Http2Session onClose(Runnable listener) {
        onNoValue("close", listener, false);
        return this;
    }
}
