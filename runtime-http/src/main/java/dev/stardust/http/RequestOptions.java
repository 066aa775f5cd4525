package dev.stardust.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Http#request(RequestOptions, java.util.function.Consumer)} sends and how, immutable: each
 * {@code withX} returns a changed copy (node's {@code http.request(options)}). Only {@code http:} URLs are accepted.
 */
public final class RequestOptions {
    private final String method;
    private final String host;
    private final int port;
    private final String path;
    private final List<Map.Entry<String, String>> headers;
    private final @Nullable Agent agent;
    private final boolean pooled;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final long decompressLimit;
    private final @Nullable Path socketPath;

    private RequestOptions(String method, String host, int port, String path, List<Map.Entry<String, String>> headers,
            @Nullable Agent agent, boolean pooled, Duration timeout, Duration connectTimeout, long decompressLimit,
            @Nullable Path socketPath) {
        this.decompressLimit = decompressLimit;
        this.socketPath = socketPath;
        this.method = method;
        this.host = host;
        this.port = port;
        this.path = path;
        this.headers = headers;
        this.agent = agent;
        this.pooled = pooled;
        this.timeout = timeout;
        this.connectTimeout = connectTimeout;
    }

    /** GET / on localhost:80 through the global agent, no idle timeout, 30 s to connect. */
    public static RequestOptions defaults() {
        return new RequestOptions("GET", "localhost", 80, "/", List.of(), null, true, Duration.ZERO,
                Duration.ofSeconds(30), 0L, null);
    }

    /** The options for {@code url}, e.g. {@code http://example.com:8080/a?b} (node's {@code http.request(url)}). */
    public static RequestOptions of(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new dev.stardust.StardustException("ERR_INVALID_URL", "Invalid URL: " + url, e);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new dev.stardust.StardustException("ERR_INVALID_URL", "Invalid URL (http only): " + url);
        }
        String rawPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? rawPath : rawPath + "?" + uri.getRawQuery();
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return defaults().withHost(host).withPort(uri.getPort() < 0 ? 80 : uri.getPort()).withPath(target);
    }

    public String method() {
        return method;
    }

    /** A copy with another method, e.g. {@code POST}. */
    public RequestOptions withMethod(String method) {
        return new RequestOptions(method.toUpperCase(Locale.ROOT), host, port, path, headers, agent, pooled, timeout,
                connectTimeout,
                decompressLimit, socketPath);
    }

    public String host() {
        return host;
    }

    /** A copy with another host name or address. */
    public RequestOptions withHost(String host) {
        return new RequestOptions(method, host, port, path, headers, agent, pooled, timeout, connectTimeout,
                decompressLimit, socketPath);
    }

    public int port() {
        return port;
    }

    /** A copy with another port. */
    public RequestOptions withPort(int port) {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        return new RequestOptions(method, host, port, path, headers, agent, pooled, timeout, connectTimeout,
                decompressLimit, socketPath);
    }

    /** The request target, path and query. */
    public String path() {
        return path;
    }

    /** A copy with another request target, e.g. {@code /a?b=1}. */
    public RequestOptions withPath(String path) {
        return new RequestOptions(method, host, port, path, headers, agent, pooled, timeout, connectTimeout,
                decompressLimit, socketPath);
    }

    /** The headers to send, in order. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** A copy with one more header. */
    public RequestOptions withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new RequestOptions(method, host, port, path, List.copyOf(more), agent, pooled, timeout,
                connectTimeout,
                decompressLimit, socketPath);
    }

    /** The agent to pool connections in; empty for the loop's global agent, or none if {@link #pooled()} is false. */
    public Optional<Agent> agent() {
        return Optional.ofNullable(agent);
    }

    /** Whether the connection is pooled (node's {@code agent: false} turns it off). */
    public boolean pooled() {
        return pooled;
    }

    /** A copy using {@code agent}'s pool. */
    public RequestOptions withAgent(Agent agent) {
        return new RequestOptions(method, host, port, path, headers, agent, true, timeout, connectTimeout,
                decompressLimit, socketPath);
    }

    /** A copy that uses a connection of its own, closed after the response (node's {@code agent: false}). */
    public RequestOptions withoutAgent() {
        return new RequestOptions(method, host, port, path, headers, null, false, timeout, connectTimeout,
                decompressLimit, socketPath);
    }

    /** How long the connection may stay silent before the request fails with ETIMEDOUT; zero for no limit. */
    public Duration timeout() {
        return timeout;
    }

    /** A copy with an idle timeout (node's {@code timeout} option, failing the request when it fires). */
    public RequestOptions withTimeout(Duration timeout) {
        return new RequestOptions(method, host, port, path, headers, agent, pooled, timeout, connectTimeout,
                decompressLimit, socketPath);
    }

    /** How long connecting may take before ETIMEDOUT. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** A copy with another connect timeout. */
    public RequestOptions withConnectTimeout(Duration timeout) {
        return new RequestOptions(method, host, port, path, headers, agent, pooled, this.timeout, timeout,
                decompressLimit, socketPath);
    }

    /** The default cap on a transparently decoded body, 64 MiB, against decompression bombs. */
    public static final long DEFAULT_MAX_DECOMPRESSED = 64L * 1024 * 1024;

    /** The most bytes a decoded body may grow to, 0 when the client does not decode bodies. */
    public long decompressLimit() {
        return decompressLimit;
    }

    /**
     * A copy that sends {@code Accept-Encoding: gzip, deflate} (unless set) and decodes {@code gzip} or
     * {@code deflate} responses transparently, dropping their {@code Content-Encoding} and {@code Content-Length},
     * with a {@link #DEFAULT_MAX_DECOMPRESSED} cap; false turns decoding off.
     */
    public RequestOptions withDecompress(boolean decompress) {
        return withDecompress(decompress ? DEFAULT_MAX_DECOMPRESSED : 0);
    }

    /** As {@link #withDecompress(boolean)}, failing the response with {@code ERR_BUFFER_TOO_LARGE} past {@code max}. */
    public RequestOptions withDecompress(long max) {
        return new RequestOptions(method, host, port, path, headers, agent, pooled, timeout, connectTimeout,
                Math.max(0, max), socketPath);
    }

    /** The Unix domain socket to connect to instead of host and port, if any (node's {@code socketPath}). */
    public Optional<Path> socketPath() {
        return Optional.ofNullable(socketPath);
    }

    /**
     * A copy that connects to the Unix domain socket at {@code path} (node's {@code socketPath}, what Docker's API and
     * many local daemons listen on): host and port then only fill the {@code Host} header ({@code localhost} unless
     * changed). Pooled per socket path; needs the epoll or kqueue transport, else the request fails with
     * {@code ERR_NOT_SUPPORTED}.
     */
    public RequestOptions withSocketPath(Path path) {
        return new RequestOptions(method, host, port, this.path, headers, agent, pooled, timeout, connectTimeout,
                decompressLimit, path);
    }
}
