package dev.stardust.http2;

import dev.stardust.StardustException;
import dev.stardust.http.IncomingMessage;
import dev.stardust.http.ServerResponse;
import dev.stardust.tls.TlsOptions;
import java.net.URI;
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

    /**
     * A client session to the origin of {@code url}: {@code http://} speaks h2c with prior knowledge,
     * {@code https://} negotiates h2 with ALPN, verifying the server as {@code Https} does with the default trust
     * (node's {@code http2.connect(authority)}). Returns at once; the session connects on the next tick.
     *
     * @throws StardustException {@code ERR_INVALID_URL} for anything but an http or https URL with a host
     */
    public static Http2Session connect(String url) {
        return connect(url, TlsOptions.defaults());
    }

    /** As {@link #connect(String)}, with the TLS options (CA, client certificate...) used for {@code https://}. */
    public static Http2Session connect(String url, TlsOptions tls) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new StardustException("ERR_INVALID_URL", "Invalid URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        String host = uri.getHost();
        if (host == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new StardustException("ERR_INVALID_URL", "Invalid URL (http or https with a host): " + url);
        }
        boolean secure = scheme.equals("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return new Http2Session(bare, port, secure ? tls : null);
    }
}
