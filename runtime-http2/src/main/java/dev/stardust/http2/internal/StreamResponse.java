package dev.stardust.http2.internal;

import dev.stardust.Buffer;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.Timer;
import dev.stardust.http.ServerResponse;
import dev.stardust.http.internal.HeaderChecks;
import dev.stardust.internal.Errno;
import dev.stardust.internal.RealLoop;
import dev.stardust.stream.Writable;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The response on an HTTP/2 stream, as node's compatibility {@code Http2ServerResponse}: the head is a HEADERS frame,
 * the body DATA frames, trailers a last HEADERS frame. An {@code end(body)} with nothing written before goes out
 * with a {@code content-length}. A write's callback completes when the frame left, which the peer's flow-control
 * window holds back: a client that does not read keeps {@code write()} at false until {@code drain}, and the stream
 * is reset once no write has completed for the server's {@code writeStallTimeout}. The reason phrase is kept but not
 * sent (HTTP/2 has none), as in node.
 */
final class StreamResponse extends ServerResponse {
    private static final AsciiString DATE = AsciiString.cached("date");
    private static final AsciiString CONTENT_LENGTH = AsciiString.cached("content-length");

    private final ServerStream stream;
    private final boolean headRequest;
    private final OutgoingFields headers = new OutgoingFields();
    private @Nullable OutgoingFields trailers;
    private int status = 200;
    private @Nullable String reason;
    private boolean headersFixed;
    boolean headWritten;
    private boolean wroteAny;
    private boolean bodyless;
    private @Nullable Buffer last;
    private @Nullable Timer idleTimer;
    private int pendingWrites;
    private long lastProgressNanos;

    StreamResponse(ServerStream stream, boolean headRequest) {
        super(DEFAULT_HIGH_WATER_MARK);
        this.stream = stream;
        this.headRequest = headRequest;
    }

    @Override
    public int statusCode() {
        return status;
    }

    @Override
    public ServerResponse statusCode(int code) {
        checkStatus(code);
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
        headers.set(name, value);
        return this;
    }

    @Override
    public ServerResponse setHeader(String name, List<String> values) {
        checkNotSent();
        headers.set(name, values);
        return this;
    }

    @Override
    public Optional<String> getHeader(String name) {
        return headers.get(name);
    }

    @Override
    public ServerResponse removeHeader(String name) {
        checkNotSent();
        headers.remove(name);
        return this;
    }

    @Override
    public boolean hasHeader(String name) {
        return headers.has(name);
    }

    @Override
    public ServerResponse writeHead(int code, Map<String, ?> more) {
        return writeHead(code, null, more);
    }

    @Override
    public ServerResponse writeHead(int code, @Nullable String text, Map<String, ?> more) {
        checkNotSent();
        checkStatus(code);
        if (text != null) {
            reason = HeaderChecks.text("statusMessage", text);
        }
        headers.setAll(more);
        status = code;
        headersFixed = true;
        return this;
    }

    @Override
    public boolean headersSent() {
        return headersFixed || headWritten;
    }

    @Override
    public ServerResponse addTrailers(Map<String, String> more) {
        OutgoingFields t = trailers;
        if (t == null) {
            t = new OutgoingFields();
            trailers = t;
        }
        t.setAll(more);
        return this;
    }

    @Override
    public void writeContinue() {
        if (!headWritten) {
            Http2Headers h = OutgoingFields.newHeaders().status(HttpResponseStatus.CONTINUE.codeAsText());
            stream.channel.writeAndFlush(new DefaultHttp2HeadersFrame(h, false), stream.channel.voidPromise());
        }
    }

    private static void checkStatus(int code) {
        if (code < 100 || code > 999) {
            throw new StardustException("ERR_HTTP_INVALID_STATUS_CODE", "Invalid status code: " + code);
        }
    }

    private void checkNotSent() {
        if (headWritten || headersFixed && writableEnded()) {
            throw new StardustException("ERR_HTTP_HEADERS_SENT", "Cannot set headers after they are sent to the client");
        }
    }

    /** The HEADERS frame of the response; {@code knownLength} becomes its content-length unless one was set. */
    private Http2Headers head(int knownLength) {
        headWritten = true;
        headersFixed = true;
        bodyless = headRequest || status == 204 || status == 304;
        Http2Headers h = OutgoingFields.newHeaders().status(AsciiString.of(Integer.toString(status)));
        headers.toHeaders(h);
        if (status == 204 || status == 304) {
            h.remove(CONTENT_LENGTH);
        } else if (knownLength >= 0 && !headers.has("content-length")) {
            h.set(CONTENT_LENGTH, AsciiString.of(Integer.toString(knownLength)));
        }
        if (!headers.has("date")) {
            h.set(DATE, OutgoingFields.now());
        }
        return h;
    }

    @Override
    public void flushHeaders() {
        if (headWritten || destroyed()) {
            return;
        }
        wroteAny = true;
        Http2Headers h = head(-1);
        stream.channel.writeAndFlush(new DefaultHttp2HeadersFrame(h, bodyless), stream.channel.voidPromise());
        if (bodyless) {
            stream.responseEnded();
        }
    }

    @Override
    public ServerResponse setTimeout(long ms) {
        if (ms < 0) {
            throw new StardustException("ERR_OUT_OF_RANGE", "timeout must not be negative, got " + ms);
        }
        stopTimer();
        if (ms > 0 && !writableFinished() && !destroyed()) {
            idleTimer = RealLoop.current().setTimer(this::timedOut, ms, false).unref();
            onNoValue("close", this::stopTimer, true);
        }
        return this;
    }

    private void timedOut() {
        idleTimer = null;
        if (!writableFinished() && !destroyed() && !emit("timeout")) {
            stream.reset();
        }
    }

    private void stopTimer() {
        if (idleTimer != null) {
            idleTimer.close();
            idleTimer = null;
        }
    }

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
            stream.channel.write(new DefaultHttp2HeadersFrame(head(-1), bodyless), stream.channel.voidPromise());
        }
        if (bodyless || chunk.isEmpty()) {
            stream.channel.flush();
            callback.accept(null);
            return;
        }
        stream.channel.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(chunk.asByteBuffer()), false),
                completion(callback));
        if (idleTimer != null) {
            idleTimer.refresh();
        }
    }

    @Override
    protected void doFinal(Consumer<@Nullable Throwable> callback) {
        stopTimer();
        if (!headWritten) {
            Buffer body = last;
            last = null;
            Http2Headers h = head(body == null ? 0 : body.length());
            if (bodyless || body == null || body.isEmpty()) {
                stream.channel.writeAndFlush(new DefaultHttp2HeadersFrame(h, true), completion(callback));
            } else {
                stream.channel.write(new DefaultHttp2HeadersFrame(h, false), stream.channel.voidPromise());
                stream.channel.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body.asByteBuffer()),
                        true), completion(callback));
            }
        } else if (bodyless) {
            callback.accept(null);
        } else {
            OutgoingFields t = trailers;
            Object end = t == null ? new DefaultHttp2DataFrame(true)
                    : new DefaultHttp2HeadersFrame(t.toHeaders(OutgoingFields.newHeaders()), true);
            stream.channel.writeAndFlush(end, completion(callback));
        }
        stream.responseEnded();
    }

    @Override
    public Promise<Void> sendFile(String path) {
        return FileBody.send(this, path);
    }

    @Override
    protected void doDestroy(@Nullable Throwable error, Consumer<@Nullable Throwable> callback) {
        stopTimer();
        if (!writableFinished()) {
            stream.reset();
        }
        callback.accept(error);
    }

    /** The handler threw: answer 500 if nothing was sent, else reset the stream. */
    void failFromHandler() {
        if (writableEnded() || destroyed()) {
            return;
        }
        if (headWritten || headersFixed) {
            stream.reset();
            return;
        }
        headers.clear();
        status = 500;
        reason = null;
        end();
    }

    /** Whether writes have waited on the peer's window for longer than {@code limitNanos}. */
    boolean stalled(long now, long limitNanos) {
        return pendingWrites > 0 && now - lastProgressNanos > limitNanos;
    }

    private ChannelPromise completion(Consumer<@Nullable Throwable> callback) {
        if (pendingWrites++ == 0) {
            lastProgressNanos = System.nanoTime();
        }
        ChannelPromise promise = stream.channel.newPromise();
        promise.addListener(f -> {
            pendingWrites--;
            lastProgressNanos = System.nanoTime();
            if (!f.isSuccess() && !destroyed()) {
                // The stream was reset or the connection went away: as in node, the response just closes.
                destroy();
            }
            callback.accept(f.isSuccess() ? null : Errno.from(f.cause(), "write", ""));
        });
        return promise;
    }
}
