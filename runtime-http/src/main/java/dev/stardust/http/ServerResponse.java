package dev.stardust.http;

import dev.stardust.Buffer;
import dev.stardust.Promise;
import dev.stardust.stream.BufferWritable;
import dev.stardust.stream.Writable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * node's {@code http.ServerResponse}: the answer to one request, written as a {@link Writable} of {@link Buffer}s.
 * Without a {@code Content-Length} the body is sent chunked (or, to an HTTP/1.0 client, delimited by closing the
 * connection); responses to {@code HEAD} and statuses 204 and 304 never carry a body. Header names, values and the
 * reason phrase are checked: CR, LF or NUL in them throw {@code ERR_INVALID_CHAR} and nothing is sent. Emits
 * {@code finish} once the whole response was handed to the connection, then {@code close}. Loop thread only.
 */
public abstract class ServerResponse extends Writable<Buffer> implements BufferWritable {

    /** For implementations. */
    protected ServerResponse(int highWaterMark) {
        super(highWaterMark, true);
    }

    /** The status to send, 200 unless changed (node's {@code response.statusCode}). */
    public abstract int statusCode();

    /** Sets the status to send (node's {@code response.statusCode = code}). */
    public abstract ServerResponse statusCode(int code);

    /** The reason phrase to send; the standard one unless changed (node's {@code response.statusMessage}). */
    public abstract String statusMessage();

    /** Sets the reason phrase (node's {@code response.statusMessage = text}). */
    public abstract ServerResponse statusMessage(String reason);

    /** Sets one header, replacing any value of that name (node's {@code response.setHeader}). */
    public abstract ServerResponse setHeader(String name, String value);

    /** Sets a header sent once per value (node's {@code setHeader(name, array)}). */
    public abstract ServerResponse setHeader(String name, List<String> values);

    /** The first value set for {@code name} (node's {@code response.getHeader}). */
    public abstract Optional<String> getHeader(String name);

    /** Removes a header not sent yet (node's {@code response.removeHeader}). */
    public abstract ServerResponse removeHeader(String name);

    /** Whether a header of that name is set (node's {@code response.hasHeader}). */
    public abstract boolean hasHeader(String name);

    /** Fixes the status; the head goes out with the first write or the end (node's {@code writeHead(status)}). */
    public ServerResponse writeHead(int status) {
        return writeHead(status, Map.of());
    }

    /** Fixes the status and adds headers; values may be strings, numbers or lists (node's {@code writeHead}). */
    public abstract ServerResponse writeHead(int status, Map<String, ?> headers);

    /** As {@link #writeHead(int, Map)} with a reason phrase. */
    public abstract ServerResponse writeHead(int status, String reason, Map<String, ?> headers);

    /** Whether the head was fixed by {@link #writeHead} or a write (node's {@code response.headersSent}). */
    public abstract boolean headersSent();

    /** Adds trailers, sent after a chunked body (node's {@code response.addTrailers}). */
    public abstract ServerResponse addTrailers(Map<String, String> trailers);

    /** Sends {@code 100 Continue} now (node's {@code response.writeContinue()}). */
    public abstract void writeContinue();

    /**
     * Sends the file at {@code path} as the whole body and ends the response, with {@code Content-Length} set
     * and the bytes handed from the file to the socket by the kernel ({@code sendfile}) rather than through the
     * JVM's heap. The promise completes once the body is written; it fails with node's error ({@code ENOENT},
     * {@code EISDIR}...) before anything is sent, so the handler can still answer 404, or with
     * {@code ERR_HTTP_HEADERS_SENT} after a write. Node has no single call for this (it is {@code send}'s job).
     */
    public abstract Promise<Void> sendFile(String path);

    /**
     * Sends the head now, before any body (node's {@code response.flushHeaders()}): the body that follows goes
     * chunked, or close-delimited to an HTTP/1.0 client, unless a {@code Content-Length} was set.
     */
    public abstract void flushHeaders();

    /**
     * Reports this response idle for {@code ms} milliseconds, no byte written: {@code timeout} is emitted when anyone
     * listens, else the connection is destroyed, as node's {@code response.setTimeout(ms)} does to its socket. 0 turns
     * it off. Costs nothing on responses that never call it.
     */
    public abstract ServerResponse setTimeout(long ms);

    /** Adds a listener for {@code timeout} (see {@link #setTimeout}). */
    public ServerResponse onTimeout(Runnable listener) {
        onNoValue("timeout", listener, false);
        return this;
    }
}
