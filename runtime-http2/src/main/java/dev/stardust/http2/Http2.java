package dev.stardust.http2;

import dev.stardust.http.IncomingMessage;
import dev.stardust.http.ServerResponse;
import dev.stardust.tls.TlsOptions;
import java.util.function.BiConsumer;

/**
 * node's {@code http2} module: HTTP/2 servers serving the {@code (req, res)} handlers of {@code dev.stardust.http}
 * (node's compatibility API), and client sessions. Loop thread only.
 */
public final class Http2 {
    private Http2() {
    }

    /**
     * A cleartext HTTP/2 server (h2c with prior knowledge, as {@code curl --http2-prior-knowledge} speaks), which also
     * serves HTTP/1.1 clients on the same port unless told not to (node's {@code http2.createServer(handler)}).
     */
    public static Http2Server createServer(BiConsumer<IncomingMessage, ServerResponse> handler) {
        return createServer(Http2ServerOptions.defaults(), handler);
    }

    /** As {@link #createServer(BiConsumer)}, with settings, limits and timeouts. */
    public static Http2Server createServer(Http2ServerOptions options,
            BiConsumer<IncomingMessage, ServerResponse> handler) {
        return new Http2Server(options, null).onRequest(handler);
    }

    /**
     * An HTTP/2 server over TLS, negotiating {@code h2} with ALPN and serving clients that choose HTTP/1.1 (or offer
     * no ALPN) on the same port (node's {@code http2.createSecureServer(options, handler)} with
     * {@code allowHTTP1: true}). {@code tls} needs a key and certificate; its ALPN list is set here.
     */
    public static Http2Server createSecureServer(TlsOptions tls, BiConsumer<IncomingMessage, ServerResponse> handler) {
        return createSecureServer(tls, Http2ServerOptions.defaults(), handler);
    }

    /** As {@link #createSecureServer(TlsOptions, BiConsumer)}, with settings, limits and timeouts. */
    public static Http2Server createSecureServer(TlsOptions tls, Http2ServerOptions options,
            BiConsumer<IncomingMessage, ServerResponse> handler) {
        return new Http2Server(options, tls).onRequest(handler);
    }
}
