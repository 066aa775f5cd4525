package dev.stardust.http;

import dev.stardust.Buffer;
import dev.stardust.stream.Readable;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * node's {@code http.IncomingMessage}: a request received by a server or a response received by a client, whose
 * body is read as a {@link Readable} of {@link Buffer}s. Reading slowly (or pausing) stops the socket from being
 * read, so a large upload never piles up in memory. A body cut short ends with {@code aborted} and {@code error},
 * never with {@code end}. Loop thread only.
 */
public abstract class IncomingMessage extends Readable<Buffer> {
    private final String method;
    private final String url;
    private final String httpVersion;
    private final int statusCode;
    private final String statusMessage;
    private final Headers headers;
    private final InetSocketAddress localAddress;
    private final InetSocketAddress remoteAddress;
    private Headers trailers = Headers.EMPTY;
    private boolean complete;
    private @Nullable SearchParams searchParams;

    /** For implementations: a message with its head already parsed. */
    protected IncomingMessage(String method, String url, String httpVersion, int statusCode, String statusMessage,
            Headers headers, InetSocketAddress localAddress, InetSocketAddress remoteAddress) {
        this.method = method;
        this.url = url;
        this.httpVersion = httpVersion;
        this.statusCode = statusCode;
        this.statusMessage = statusMessage;
        this.headers = headers;
        this.localAddress = localAddress;
        this.remoteAddress = remoteAddress;
    }

    /** The request method, e.g. {@code GET}; empty on a client's response (node's {@code message.method}). */
    public String method() {
        return method;
    }

    /** The request target as sent, path and query, e.g. {@code /a?b=1}; empty on a response (node's {@code message.url}). */
    public String url() {
        return url;
    }

    /** The path part of {@link #url()}, without the query. */
    public String path() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** The raw query string after {@code ?}, or empty. */
    public String query() {
        int q = url.indexOf('?');
        return q < 0 ? "" : url.substring(q + 1);
    }

    /**
     * The query's name-value pairs, percent-decoded (node's {@code new URL(req.url, base).searchParams}); parsed on
     * first use.
     */
    public SearchParams searchParams() {
        SearchParams p = searchParams;
        if (p == null) {
            p = SearchParams.parse(query());
            searchParams = p;
        }
        return p;
    }

    /** {@code 1.1} or {@code 1.0} (node's {@code message.httpVersion}). */
    public String httpVersion() {
        return httpVersion;
    }

    /** The response status, e.g. 200; 0 on a server's request (node's {@code message.statusCode}). */
    public int statusCode() {
        return statusCode;
    }

    /** The response reason phrase, e.g. {@code OK}; empty on a request (node's {@code message.statusMessage}). */
    public String statusMessage() {
        return statusMessage;
    }

    /** The header fields (node's {@code message.headers} and {@code rawHeaders}). */
    public Headers headers() {
        return headers;
    }

    /** The trailer fields of a chunked body; empty until {@code end} (node's {@code message.trailers}). */
    public Headers trailers() {
        return trailers;
    }

    /** Whether the whole body was received (node's {@code message.complete}). */
    public boolean complete() {
        return complete;
    }

    /**
     * The local end of the connection (node's {@code message.socket.localAddress/localPort}); over a Unix domain
     * socket, an unresolved address whose host is the socket's path (empty when unnamed) and port 0.
     */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** The peer's end of the connection (node's {@code message.socket.remoteAddress/remotePort}), as above. */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** For implementations: records the trailers and that the body is complete, before pushing the end. */
    protected final void markComplete(Headers trailers) {
        this.trailers = trailers;
        this.complete = true;
    }

    @Override
    public String toString() {
        return statusCode == 0 ? "IncomingMessage[" + method + " " + url + " HTTP/" + httpVersion + "]"
                : "IncomingMessage[HTTP/" + httpVersion + " " + statusCode + " " + statusMessage + "]";
    }
}
