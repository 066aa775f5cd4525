package dev.stardust.http;

import dev.stardust.StardustException;
import dev.stardust.http.internal.RealClientRequest;
import dev.stardust.tls.TlsOptions;
import java.net.URI;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * node's {@code https} module: the {@link Http} server and client over TLS, with the same semantics. Servers need
 * a key and certificate in their {@link TlsOptions}; clients verify the server's chain and host name unless told
 * not to, and the agent pools connections per host, port and TLS options object (reuse one options object to
 * share connections and TLS sessions). Certificate failures arrive as {@code error} with node's codes
 * ({@code CERT_HAS_EXPIRED}, {@code ERR_TLS_CERT_ALTNAME_INVALID}, ...). Loop thread only.
 */
public final class Https {
    private Https() {
    }

    /** An HTTPS server calling {@code handler} for every request (node's {@code https.createServer(options, cb)}). */
    public static HttpServer createServer(TlsOptions tls, BiConsumer<IncomingMessage, ServerResponse> handler) {
        return createServer(tls, HttpServerOptions.defaults(), handler);
    }

    /** As {@link #createServer(TlsOptions, BiConsumer)}, with the HTTP server's limits and timeouts. */
    public static HttpServer createServer(TlsOptions tls, HttpServerOptions options,
            BiConsumer<IncomingMessage, ServerResponse> handler) {
        return new HttpServer(options, tls).onRequest(handler);
    }

    /** Starts a request to an {@code https://} URL (node's {@code https.request(url, options, cb)}). */
    public static ClientRequest request(String url, TlsOptions tls, Consumer<IncomingMessage> onResponse) {
        return request(options(url), tls, onResponse);
    }

    /** Starts a request described by {@code options}, over TLS (node's {@code https.request(options, cb)}). */
    public static ClientRequest request(RequestOptions options, TlsOptions tls, Consumer<IncomingMessage> onResponse) {
        return new RealClientRequest(options, tls, onResponse);
    }

    /** A GET of an {@code https://} URL, already ended (node's {@code https.get(url, options, cb)}). */
    public static ClientRequest get(String url, TlsOptions tls, Consumer<IncomingMessage> onResponse) {
        ClientRequest request = request(url, tls, onResponse);
        request.end();
        return request;
    }

    /** The request options for an {@code https://} URL, port 443 unless it names one. */
    public static RequestOptions options(String url) {
        if (!url.regionMatches(true, 0, "https://", 0, 8)) {
            throw new StardustException("ERR_INVALID_URL", "Invalid URL (https only): " + url);
        }
        String asHttp = "http://" + url.substring(8);
        RequestOptions options = RequestOptions.of(asHttp);
        URI uri = URI.create(asHttp);
        return uri.getPort() < 0 ? options.withPort(443) : options;
    }
}
