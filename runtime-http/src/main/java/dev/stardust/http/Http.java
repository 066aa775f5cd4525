package dev.stardust.http;

import java.util.function.BiConsumer;

/** node's {@code http} module: servers, and (soon) the client. Loop thread only. */
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
}
