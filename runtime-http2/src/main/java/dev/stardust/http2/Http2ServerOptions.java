package dev.stardust.http2;

import dev.stardust.StardustException;
import dev.stardust.http.HttpServerOptions;

/**
 * The limits of an {@link Http2Server}, immutable: each {@code with} returns a copy. The HTTP/2 settings it announces
 * (node's {@code settings}: {@code maxConcurrentStreams} 100, {@code maxHeaderListSize} 16 KiB, {@code headerTableSize}
 * 4096, {@code initialWindowSize} 65,535), whether HTTP/1.1 clients are served on the same port
 * ({@code allowHTTP1}, true here where node's default is false: a server on a public port should not turn away a
 * client that only speaks HTTP/1.1), and the {@link HttpServerOptions} that the HTTP/1.1 fallback uses whole and
 * HTTP/2 uses for its timeouts: {@code headersTimeout} (a connection that sends no request head in time is closed),
 * {@code requestTimeout} per stream (408, or a reset once the response started), {@code keepAliveTimeout} (a session
 * with no open stream is closed with {@code GOAWAY}), {@code writeStallTimeout} per stream (a response the peer's
 * flow-control window holds still that long is reset, which ends zero-window stalls), {@code maxConnections} and
 * {@code connectionsCheckingInterval}.
 */
public final class Http2ServerOptions {
    private static final Http2ServerOptions DEFAULTS = new Http2ServerOptions(100, 16 * 1024, 4096, 65_535, true,
            HttpServerOptions.defaults());

    private final int maxConcurrentStreams;
    private final int maxHeaderListSize;
    private final int headerTableSize;
    private final int initialWindowSize;
    private final boolean allowHttp1;
    private final HttpServerOptions http1;

    private Http2ServerOptions(int maxConcurrentStreams, int maxHeaderListSize, int headerTableSize,
            int initialWindowSize, boolean allowHttp1, HttpServerOptions http1) {
        this.maxConcurrentStreams = maxConcurrentStreams;
        this.maxHeaderListSize = maxHeaderListSize;
        this.headerTableSize = headerTableSize;
        this.initialWindowSize = initialWindowSize;
        this.allowHttp1 = allowHttp1;
        this.http1 = http1;
    }

    /** The defaults above. */
    public static Http2ServerOptions defaults() {
        return DEFAULTS;
    }

    /** The streams a client may have open at once ({@code SETTINGS_MAX_CONCURRENT_STREAMS}); more are refused. */
    public int maxConcurrentStreams() {
        return maxConcurrentStreams;
    }

    /** Options allowing {@code count} concurrent streams per session (node's {@code settings.maxConcurrentStreams}). */
    public Http2ServerOptions withMaxConcurrentStreams(int count) {
        return new Http2ServerOptions(positive("maxConcurrentStreams", count), maxHeaderListSize, headerTableSize,
                initialWindowSize, allowHttp1, http1);
    }

    /** The largest header list accepted, decoded ({@code SETTINGS_MAX_HEADER_LIST_SIZE}); larger ones get 431. */
    public int maxHeaderListSize() {
        return maxHeaderListSize;
    }

    /** Options accepting header lists up to {@code bytes} (node's {@code settings.maxHeaderListSize}). */
    public Http2ServerOptions withMaxHeaderListSize(int bytes) {
        return new Http2ServerOptions(maxConcurrentStreams, positive("maxHeaderListSize", bytes), headerTableSize,
                initialWindowSize, allowHttp1, http1);
    }

    /** The HPACK dynamic table size the decoder allows ({@code SETTINGS_HEADER_TABLE_SIZE}). */
    public int headerTableSize() {
        return headerTableSize;
    }

    /** Options with an HPACK table of {@code bytes} (node's {@code settings.headerTableSize}). */
    public Http2ServerOptions withHeaderTableSize(int bytes) {
        if (bytes < 0) {
            throw new StardustException("ERR_OUT_OF_RANGE", "headerTableSize must not be negative, got " + bytes);
        }
        return new Http2ServerOptions(maxConcurrentStreams, maxHeaderListSize, bytes, initialWindowSize, allowHttp1,
                http1);
    }

    /**
     * The flow-control window of each stream ({@code SETTINGS_INITIAL_WINDOW_SIZE}): the most request body bytes
     * held for a handler that does not read.
     */
    public int initialWindowSize() {
        return initialWindowSize;
    }

    /** Options with a stream window of {@code bytes} (node's {@code settings.initialWindowSize}). */
    public Http2ServerOptions withInitialWindowSize(int bytes) {
        return new Http2ServerOptions(maxConcurrentStreams, maxHeaderListSize, headerTableSize,
                positive("initialWindowSize", bytes), allowHttp1, http1);
    }

    /** Whether clients that do not speak HTTP/2 are served HTTP/1.1 on the same port (node's {@code allowHTTP1}). */
    public boolean allowHttp1() {
        return allowHttp1;
    }

    /** Options serving (true) or closing (false) connections from HTTP/1.1-only clients. */
    public Http2ServerOptions withAllowHttp1(boolean allow) {
        return new Http2ServerOptions(maxConcurrentStreams, maxHeaderListSize, headerTableSize, initialWindowSize,
                allow, http1);
    }

    /** The HTTP/1.1 server's options: the fallback's limits, and the timeouts both protocols apply. */
    public HttpServerOptions http1() {
        return http1;
    }

    /** Options with these HTTP/1.1 limits and timeouts. */
    public Http2ServerOptions withHttp1(HttpServerOptions options) {
        return new Http2ServerOptions(maxConcurrentStreams, maxHeaderListSize, headerTableSize, initialWindowSize,
                allowHttp1, options);
    }

    private static int positive(String what, int value) {
        if (value <= 0) {
            throw new StardustException("ERR_OUT_OF_RANGE", what + " must be positive, got " + value);
        }
        return value;
    }
}
