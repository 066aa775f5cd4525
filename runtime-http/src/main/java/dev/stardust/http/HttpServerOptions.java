package dev.stardust.http;

import java.time.Duration;

/**
 * The limits and timeouts of an {@link HttpServer}, immutable: each {@code withX} returns a changed copy. The
 * defaults are node's: 8 KiB request line (414 beyond), 16 KiB of headers (431 beyond), 2000 header fields,
 * 60 s to receive the headers and 300 s the whole request (408), 5 s of keep-alive idleness.
 */
public final class HttpServerOptions {
    private static final HttpServerOptions DEFAULTS = new HttpServerOptions(8 * 1024, 16 * 1024, 2000,
            Duration.ofSeconds(60), Duration.ofSeconds(300), Duration.ofSeconds(5), 0, 0, Duration.ofSeconds(60),
            Duration.ofSeconds(1), 0, false);

    private final int maxRequestLineLength;
    private final int maxHeaderSize;
    private final int maxHeadersCount;
    private final Duration headersTimeout;
    private final Duration requestTimeout;
    private final Duration keepAliveTimeout;
    private final int maxRequestsPerSocket;
    private final int maxConnections;
    private final Duration writeStallTimeout;
    private final Duration connectionsCheckingInterval;
    private final int compressionMinSize;
    private final boolean reusePort;

    private HttpServerOptions(int maxRequestLineLength, int maxHeaderSize, int maxHeadersCount,
            Duration headersTimeout, Duration requestTimeout, Duration keepAliveTimeout, int maxRequestsPerSocket,
            int maxConnections, Duration writeStallTimeout, Duration connectionsCheckingInterval,
            int compressionMinSize, boolean reusePort) {
        this.compressionMinSize = compressionMinSize;
        this.reusePort = reusePort;
        this.maxRequestLineLength = maxRequestLineLength;
        this.maxHeaderSize = maxHeaderSize;
        this.maxHeadersCount = maxHeadersCount;
        this.headersTimeout = headersTimeout;
        this.requestTimeout = requestTimeout;
        this.keepAliveTimeout = keepAliveTimeout;
        this.maxRequestsPerSocket = maxRequestsPerSocket;
        this.maxConnections = maxConnections;
        this.writeStallTimeout = writeStallTimeout;
        this.connectionsCheckingInterval = connectionsCheckingInterval;
    }

    /** node's defaults. */
    public static HttpServerOptions defaults() {
        return DEFAULTS;
    }

    /** The longest request line accepted; longer ones get 414. */
    public int maxRequestLineLength() {
        return maxRequestLineLength;
    }

    /** A copy with another request-line limit in bytes. */
    public HttpServerOptions withMaxRequestLineLength(int bytes) {
        return new HttpServerOptions(positive(bytes), maxHeaderSize, maxHeadersCount, headersTimeout,
                requestTimeout, keepAliveTimeout, maxRequestsPerSocket, maxConnections, writeStallTimeout,
                connectionsCheckingInterval, compressionMinSize, reusePort);
    }

    /** The largest header block accepted; larger ones get 431 (node's {@code maxHeaderSize}). */
    public int maxHeaderSize() {
        return maxHeaderSize;
    }

    /** A copy with another header-block limit in bytes. */
    public HttpServerOptions withMaxHeaderSize(int bytes) {
        return new HttpServerOptions(maxRequestLineLength, positive(bytes), maxHeadersCount, headersTimeout,
                requestTimeout, keepAliveTimeout, maxRequestsPerSocket, maxConnections, writeStallTimeout,
                connectionsCheckingInterval, compressionMinSize, reusePort);
    }

    /** The most header fields accepted; more get 431 (node's {@code maxHeadersCount}). */
    public int maxHeadersCount() {
        return maxHeadersCount;
    }

    /** A copy with another header-count limit. */
    public HttpServerOptions withMaxHeadersCount(int count) {
        return new HttpServerOptions(maxRequestLineLength, maxHeaderSize, positive(count), headersTimeout,
                requestTimeout, keepAliveTimeout, maxRequestsPerSocket, maxConnections, writeStallTimeout,
                connectionsCheckingInterval, compressionMinSize, reusePort);
    }

    /** How long a client may take to send a request's head; then 408 and close (node's {@code headersTimeout}). */
    public Duration headersTimeout() {
        return headersTimeout;
    }

    /** A copy with another headers timeout. */
    public HttpServerOptions withHeadersTimeout(Duration timeout) {
        return new HttpServerOptions(maxRequestLineLength, maxHeaderSize, maxHeadersCount, timeout, requestTimeout,
                keepAliveTimeout, maxRequestsPerSocket, maxConnections, writeStallTimeout,
                connectionsCheckingInterval, compressionMinSize, reusePort);
    }

    /** How long a client may take to send a whole request; then 408 and close (node's {@code requestTimeout}). */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** A copy with another request timeout. */
    public HttpServerOptions withRequestTimeout(Duration timeout) {
        return new HttpServerOptions(maxRequestLineLength, maxHeaderSize, maxHeadersCount, headersTimeout, timeout,
                keepAliveTimeout, maxRequestsPerSocket, maxConnections, writeStallTimeout,
                connectionsCheckingInterval, compressionMinSize, reusePort);
    }

    /** How long an idle keep-alive connection stays open, advertised as {@code Keep-Alive: timeout=} (node's {@code keepAliveTimeout}). */
    public Duration keepAliveTimeout() {
        return keepAliveTimeout;
    }

    /** A copy with another keep-alive timeout. */
    public HttpServerOptions withKeepAliveTimeout(Duration timeout) {
        return new HttpServerOptions(maxRequestLineLength, maxHeaderSize, maxHeadersCount, headersTimeout,
                requestTimeout, timeout, maxRequestsPerSocket, maxConnections, writeStallTimeout,
                connectionsCheckingInterval, compressionMinSize, reusePort);
    }

    /** Requests served per connection before it closes, 0 for no limit (node's {@code maxRequestsPerSocket}). */
    public int maxRequestsPerSocket() {
        return maxRequestsPerSocket;
    }

    /** A copy with another per-connection request limit; 0 for none. */
    public HttpServerOptions withMaxRequestsPerSocket(int count) {
        return new HttpServerOptions(maxRequestLineLength, maxHeaderSize, maxHeadersCount, headersTimeout,
                requestTimeout, keepAliveTimeout, notNegative(count), maxConnections, writeStallTimeout,
                connectionsCheckingInterval, compressionMinSize, reusePort);
    }

    /** Open connections allowed, 0 for no limit; more are accepted and closed at once (node's {@code maxConnections}). */
    public int maxConnections() {
        return maxConnections;
    }

    /** A copy with another connection limit; 0 for none. */
    public HttpServerOptions withMaxConnections(int count) {
        return new HttpServerOptions(maxRequestLineLength, maxHeaderSize, maxHeadersCount, headersTimeout,
                requestTimeout, keepAliveTimeout, maxRequestsPerSocket, notNegative(count), writeStallTimeout,
                connectionsCheckingInterval, compressionMinSize, reusePort);
    }

    /** How long a response may wait for a client that stopped reading before the connection is destroyed. */
    public Duration writeStallTimeout() {
        return writeStallTimeout;
    }

    /** A copy with another write-stall timeout. */
    public HttpServerOptions withWriteStallTimeout(Duration timeout) {
        return new HttpServerOptions(maxRequestLineLength, maxHeaderSize, maxHeadersCount, headersTimeout,
                requestTimeout, keepAliveTimeout, maxRequestsPerSocket, maxConnections, timeout,
                connectionsCheckingInterval, compressionMinSize, reusePort);
    }

    /** How often timeouts are checked, the precision of every timeout (node's {@code connectionsCheckingInterval}). */
    public Duration connectionsCheckingInterval() {
        return connectionsCheckingInterval;
    }

    /** A copy with another checking interval. */
    public HttpServerOptions withConnectionsCheckingInterval(Duration interval) {
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("interval must be at least 1 ms, got " + interval);
        }
        return new HttpServerOptions(maxRequestLineLength, maxHeaderSize, maxHeadersCount, headersTimeout,
                requestTimeout, keepAliveTimeout, maxRequestsPerSocket, maxConnections, writeStallTimeout, interval,
                compressionMinSize, reusePort);
    }

    /** The smallest body the server compresses, 0 when it does not compress responses. */
    public int compressionMinSize() {
        return compressionMinSize;
    }

    /**
     * A copy that gzips (or deflates) responses when the client accepts it, the body is textual (text, JSON,
     * XML, JavaScript, SVG), not already encoded, and not known to be smaller than {@code minSize} bytes; 0 turns
     * compression off.
     */
    public HttpServerOptions withCompression(int minSize) {
        return new HttpServerOptions(maxRequestLineLength, maxHeaderSize, maxHeadersCount, headersTimeout,
                requestTimeout, keepAliveTimeout, maxRequestsPerSocket, maxConnections, writeStallTimeout,
                connectionsCheckingInterval, notNegative(minSize), reusePort);
    }

    /** Whether several servers, one per loop, may listen on the same port (node's {@code reusePort} listen option). */
    public boolean reusePort() {
        return reusePort;
    }

    /**
     * A copy that sets {@code SO_REUSEPORT} on the listening socket, so that N loops (each started with
     * {@code Loop.start()}) can each listen on the same port and the kernel spreads new connections among them; a
     * connection stays on the loop that accepted it. Needs the epoll or kqueue transport: on NIO, {@code listen}
     * fails with {@code ERR_REUSEPORT_UNSUPPORTED}.
     */
    public HttpServerOptions withReusePort(boolean enabled) {
        return new HttpServerOptions(maxRequestLineLength, maxHeaderSize, maxHeadersCount, headersTimeout,
                requestTimeout, keepAliveTimeout, maxRequestsPerSocket, maxConnections, writeStallTimeout,
                connectionsCheckingInterval, compressionMinSize, enabled);
    }

    private static int positive(int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("must be positive, got " + value);
        }
        return value;
    }

    private static int notNegative(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("must not be negative, got " + value);
        }
        return value;
    }
}
