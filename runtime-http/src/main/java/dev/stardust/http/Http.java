package dev.stardust.http;

import dev.stardust.http.internal.RealClientRequest;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** node's {@code http} module: servers and the client. Loop thread only. */
public final class Http {
    private Http() {
    }

    /** A server calling {@code handler} for every request; call {@link HttpServer#listen} next (node's {@code http.createServer}). */
    public static HttpServer createServer(BiConsumer<IncomingMessage, ServerResponse> handler) {
        return createServer(HttpServerOptions.defaults(), handler);
    }

    /** As {@link #createServer(BiConsumer)}, with limits and timeouts (node's {@code createServer(options, handler)}). */
    public static HttpServer createServer(HttpServerOptions options, BiConsumer<IncomingMessage, ServerResponse> handler) {
        return new HttpServer(options).onRequest(handler);
    }

    /** A server with no request listener yet: add one with {@link HttpServer#onRequest}. */
    public static HttpServer createServer(HttpServerOptions options) {
        return new HttpServer(options);
    }

    /**
     * Starts a request to {@code url}; write a body if any, then {@code end()} it. {@code onResponse} gets the
     * response once its head arrived (node's {@code http.request(url, cb)}).
     */
    public static ClientRequest request(String url, Consumer<IncomingMessage> onResponse) {
        return request(RequestOptions.of(url), onResponse);
    }

    /** Starts a request described by {@code options} (node's {@code http.request(options, cb)}). */
    public static ClientRequest request(RequestOptions options, Consumer<IncomingMessage> onResponse) {
        return new RealClientRequest(options, onResponse);
    }

    /** A GET of {@code url}, already ended (node's {@code http.get(url, cb)}). */
    public static ClientRequest get(String url, Consumer<IncomingMessage> onResponse) {
        ClientRequest request = request(url, onResponse);
        request.end();
        return request;
    }

    /** A request described by {@code options}, already ended (node's {@code http.get(options, cb)}). */
    public static ClientRequest get(RequestOptions options, Consumer<IncomingMessage> onResponse) {
        ClientRequest request = request(options, onResponse);
        request.end();
        return request;
    }
}
