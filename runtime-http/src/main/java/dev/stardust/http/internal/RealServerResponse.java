package dev.stardust.http.internal;

import dev.stardust.Buffer;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.Timer;
import dev.stardust.http.ServerResponse;
import dev.stardust.internal.Errno;
import dev.stardust.internal.RealLoop;
import dev.stardust.stream.Writable;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The response to one request. The head is built at the first write or at the end: an {@code end(body)} with
 * nothing written before goes out as one full response with a Content-Length, the common fast case; otherwise the
 * head goes first and the body follows chunked (or close-delimited to HTTP/1.0). Write callbacks complete when Netty
 * has written the bytes, so a slow client holds {@code write()} at false until {@code drain}.
 */
final class RealServerResponse extends ServerResponse {
    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory()
            .withNameValidation(false).withValidation(false);
    private static final AsciiString KEEP_ALIVE = AsciiString.cached("Keep-Alive");
    private static final AsciiString DATE = AsciiString.cached("Date");

    final ServerConnection connection;
    final Channel channel;
    final ServerRequest request;
    private final HttpVersion version;
    private final boolean head;
    final OutgoingHeaders headers = new OutgoingHeaders();
    private @Nullable HttpHeaders trailers;
    int status = 200;
    private @Nullable String reason;
    private boolean headersFixed;
    boolean headWritten;
    boolean wroteAny;
    private boolean chunked;
    boolean bodyless;
    boolean keepAlive;
    private @Nullable Buffer last;
    private @Nullable Timer idleTimer;
    private boolean timerWatched;

    RealServerResponse(ServerConnection connection, ServerRequest request, HttpVersion version, boolean head,
            boolean keepAlive) {
        super(DEFAULT_HIGH_WATER_MARK);
        this.connection = connection;
        this.channel = connection.channel;
        this.request = request;
        this.version = version;
        this.head = head;
        this.keepAlive = keepAlive;
    }

    // ---- the head ------------------------------------------------------------------------------------------

    @Override
    public int statusCode() {
        return status;
    }

    @Override
    public ServerResponse statusCode(int code) {
        if (code < 100 || code > 999) {
            throw new StardustException("ERR_HTTP_INVALID_STATUS_CODE", "Invalid status code: " + code);
        }
        checkNotSent();
        status = code;
        return this;
    }

    @Override
    public String statusMessage() {
        return reason != null ? reason : HttpResponseStatus.valueOf(status).reasonPhrase();
    }

    @Override
    public ServerResponse statusMessage(String text) {
        checkNotSent();
        reason = HeaderChecks.text("statusMessage", text);
        return this;
    }

    @Override
    public ServerResponse setHeader(String name, String value) {
        checkNotSent();
        headers.setHeader(name, value);
        return this;
    }

    @Override
    public ServerResponse setHeader(String name, List<String> values) {
        checkNotSent();
        headers.setHeader(name, values);
        return this;
    }

    @Override
    public Optional<String> getHeader(String name) {
        return headers.getHeader(name);
    }

    @Override
    public ServerResponse removeHeader(String name) {
        checkNotSent();
        headers.removeHeader(name);
        return this;
    }

    @Override
    public boolean hasHeader(String name) {
        return headers.hasHeader(name);
    }

    @Override
    public ServerResponse writeHead(int code, Map<String, ?> more) {
        return writeHead(code, null, more);
    }

    @Override
    public ServerResponse writeHead(int code, @Nullable String text, Map<String, ?> more) {
        checkNotSent();
        if (code < 100 || code > 999) {
            throw new StardustException("ERR_HTTP_INVALID_STATUS_CODE", "Invalid status code: " + code);
        }
        if (text != null) {
            HeaderChecks.text("statusMessage", text);
        }
        headers.setAll(more);
        status = code;
        if (text != null) {
            reason = text;
        }
        headersFixed = true;
        return this;
    }

    @Override
    public boolean headersSent() {
        return headersFixed || headWritten;
    }

    @Override
    public ServerResponse addTrailers(Map<String, String> more) {
        HttpHeaders t = trailers;
        if (t == null) {
            t = HEADERS.newHeaders();
            trailers = t;
        }
        for (Map.Entry<String, String> e : more.entrySet()) {
            t.add(HeaderChecks.name(e.getKey()), HeaderChecks.value(e.getKey(), e.getValue()));
        }
        return this;
    }

    @Override
    public void writeContinue() {
        connection.output.writeContinue();
    }

    private void checkNotSent() {
        OutgoingHeaders.checkNotSent(headWritten || headersFixed && writableEnded());
    }

    /**
     * Status, framing and connection headers, decided once when the head is about to be written. Only the headers
     * the user set are looked up: a hello response costs no lookup at all.
     */
    HttpResponseStatus prepareHead(int knownLength) {
        headWritten = true;
        headersFixed = true;
        bodyless = head || status == 204 || status == 304 || status < 200;
        boolean hasLength = headers.userSet(OutgoingHeaders.CONTENT_LENGTH);
        boolean hasTransferEncoding = headers.userSet(OutgoingHeaders.TRANSFER_ENCODING);
        if (status == 204 || status == 304 || status < 200) {
            if (hasLength) {
                headers.remove(HttpHeaderNames.CONTENT_LENGTH);
            }
            if (hasTransferEncoding) {
                headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
            }
        } else if (!hasLength && !hasTransferEncoding) {
            if (knownLength >= 0) {
                headers.set(OutgoingHeaders.CONTENT_LENGTH_NAME, ContentLengths.of(knownLength));
            } else if (!head && version == HttpVersion.HTTP_1_1) {
                headers.set(OutgoingHeaders.TRANSFER_ENCODING_NAME, HttpHeaderValues.CHUNKED);
                chunked = true;
            } else if (!head) {
                keepAlive = false;
            }
        } else if (hasTransferEncoding) {
            chunked = !head && version == HttpVersion.HTTP_1_1;
        }
        String connectionHeader = headers.userSet(OutgoingHeaders.CONNECTION)
                ? headers.get(HttpHeaderNames.CONNECTION) : null;
        if (connectionHeader != null && connectionHeader.toLowerCase(Locale.ROOT).contains("close")) {
            keepAlive = false;
        }
        if (connection.server.closing() || connection.shouldCloseAfterThis()) {
            keepAlive = false;
        }
        if (connectionHeader == null || !keepAlive) {
            if (keepAlive) {
                headers.set(OutgoingHeaders.CONNECTION_NAME, HttpHeaderValues.KEEP_ALIVE);
                headers.set(KEEP_ALIVE, connection.keepAliveHeader());
            } else {
                headers.set(OutgoingHeaders.CONNECTION_NAME, HttpHeaderValues.CLOSE);
            }
        }
        if (!headers.userSet(OutgoingHeaders.DATE)) {
            headers.set(DATE, HttpDate.now());
        }
        if (!chunked && trailers != null) {
            trailers = null;
        }
        return reason == null ? HttpResponseStatus.valueOf(status) : new HttpResponseStatus(status, reason);
    }

    @Override
    public void flushHeaders() {
        if (headWritten || destroyed()) {
            return;
        }
        wroteAny = true;
        HttpResponseStatus s = prepareHead(-1);
        channel.write(bodyless ? new ResponseEncoder.BodylessHead(HttpVersion.HTTP_1_1, s, headers)
                : new DefaultHttpResponse(HttpVersion.HTTP_1_1, s, headers), channel.voidPromise());
        connection.output.flushSoon();
    }

    @Override
    public ServerResponse setTimeout(long ms) {
        if (ms < 0) {
            throw new StardustException("ERR_OUT_OF_RANGE", "timeout must not be negative, got " + ms);
        }
        if (idleTimer != null) {
            idleTimer.close();
            idleTimer = null;
        }
        if (ms > 0 && !writableFinished() && !destroyed()) {
            // Unreferenced: the connection keeps the loop alive, not this timer.
            idleTimer = RealLoop.current().setTimer(this::timedOut, ms, false).unref();
            if (!timerWatched) {
                timerWatched = true;
                onNoValue("close", this::stopTimer, true);
                onNoValue("finish", this::stopTimer, true);
            }
        }
        return this;
    }

    private void timedOut() {
        idleTimer = null;
        if (writableFinished() || destroyed()) {
            return;
        }
        if (!emit("timeout")) {
            connection.destroy();
        }
    }

    private void stopTimer() {
        if (idleTimer != null) {
            idleTimer.close();
            idleTimer = null;
        }
    }

    // ---- the body ------------------------------------------------------------------------------------------

    @Override
    public boolean write(Buffer chunk) {
        wroteAny = true;
        return super.write(chunk);
    }

    @Override
    public boolean write(Buffer chunk, Consumer<@Nullable Throwable> callback) {
        wroteAny = true;
        return super.write(chunk, callback);
    }

    @Override
    public Writable<Buffer> end(Buffer chunk) {
        if (!wroteAny && !headWritten && !writableEnded() && !destroyed()) {
            last = chunk;
            wroteAny = true;
            return super.end();
        }
        return super.end(chunk);
    }

    @Override
    protected void doWrite(Buffer chunk, Consumer<@Nullable Throwable> callback) {
        if (!headWritten) {
            HttpResponseStatus s = prepareHead(-1);
            channel.write(bodyless ? new ResponseEncoder.BodylessHead(HttpVersion.HTTP_1_1, s, headers)
                    : new DefaultHttpResponse(HttpVersion.HTTP_1_1, s, headers), channel.voidPromise());
        }
        if (bodyless || chunk.isEmpty()) {
            callback.accept(null);
            return;
        }
        channel.write(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk.asByteBuffer())), completion(callback));
        connection.output.flushSoon();
        if (idleTimer != null) {
            idleTimer.refresh();
        }
    }

    @Override
    public Promise<Void> sendFile(String path) {
        return FileResponse.send(this, path);
    }

    @Override
    protected void doFinal(Consumer<@Nullable Throwable> callback) {
        if (!headWritten) {
            Buffer body = last;
            last = null;
            int length = body == null ? 0 : body.length();
            HttpResponseStatus s = prepareHead(length);
            Object message = bodyless || body == null || body.isEmpty()
                    ? new ResponseEncoder.BodylessFull(HttpVersion.HTTP_1_1, s, headers)
                    : new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, s,
                            Unpooled.wrappedBuffer(body.asByteBuffer()), headers, EmptyHttpHeaders.INSTANCE);
            channel.write(message, completion(callback));
        } else {
            HttpHeaders t = trailers;
            LastHttpContent end = t == null || bodyless ? LastHttpContent.EMPTY_LAST_CONTENT
                    : new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER, t);
            channel.write(end, completion(callback));
        }
        connection.output.flushSoon();
        connection.responseEnded(this);
    }

    @Override
    protected void doDestroy(@Nullable Throwable error, Consumer<@Nullable Throwable> callback) {
        if (!writableFinished() && !connection.responseDone(this)) {
            connection.destroy();
        }
        callback.accept(error);
    }

    /** The handler threw: answer 500 if nothing was sent, else cut the connection. */
    void failFromHandler() {
        if (writableEnded() || destroyed()) {
            return;
        }
        if (headWritten || headersFixed) {
            connection.destroy();
            return;
        }
        headers.closeOnly();
        status = 500;
        reason = null;
        keepAlive = false;
        end();
    }

    ChannelPromise completion(Consumer<@Nullable Throwable> callback) {
        ChannelPromise promise = channel.newPromise();
        promise.addListener(f -> {
            if (!f.isSuccess() && !channel.isActive() && !destroyed()) {
                // The client went away: as in node, the response just closes; no 'error' for nobody to hear.
                destroy();
            }
            callback.accept(f.isSuccess() ? null : Errno.from(f.cause(), "write", ""));
        });
        return promise;
    }
}
