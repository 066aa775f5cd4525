package dev.stardust.http.internal;

import dev.stardust.Buffer;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.http.ServerResponse;
import dev.stardust.internal.Errno;
import dev.stardust.internal.RealLoop;
import dev.stardust.stream.Writable;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultFileRegion;
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
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    private static final AsciiString CONNECTION = AsciiString.cached("Connection");
    private static final AsciiString CONTENT_LENGTH = AsciiString.cached("Content-Length");
    private static final AsciiString TRANSFER_ENCODING = AsciiString.cached("Transfer-Encoding");
    private static final AsciiString DATE = AsciiString.cached("Date");

    private final ServerConnection connection;
    private final Channel channel;
    final ServerRequest request;
    private final HttpVersion version;
    private final boolean head;
    private final HttpHeaders headers = new ResponseHeaders();
    private @Nullable HttpHeaders trailers;
    private int status = 200;
    private @Nullable String reason;
    private boolean headersFixed;
    private boolean headWritten;
    private boolean wroteAny;
    private boolean chunked;
    private boolean bodyless;
    boolean keepAlive;
    private @Nullable Buffer last;
    /** Which of the headers that decide framing the user set: {@link #prepareHead} looks up only those. */
    private int framing;

    private static final int HAS_CONTENT_LENGTH = 1;
    private static final int HAS_TRANSFER_ENCODING = 2;
    private static final int HAS_CONNECTION = 4;
    private static final int HAS_DATE = 8;

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
        headers.set(checkedName(name), checkedValue(name, value));
        framing |= framingBit(name);
        return this;
    }

    @Override
    public ServerResponse setHeader(String name, List<String> values) {
        checkNotSent();
        HeaderChecks.name(name);
        for (String v : values) {
            HeaderChecks.value(name, v);
        }
        headers.set(name, values);
        framing |= framingBit(name);
        return this;
    }

    @Override
    public Optional<String> getHeader(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    @Override
    public ServerResponse removeHeader(String name) {
        checkNotSent();
        headers.remove(name);
        framing &= ~framingBit(name);
        return this;
    }

    @Override
    public boolean hasHeader(String name) {
        return headers.contains(name);
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
        // Check everything before changing anything: a refused header leaves the response untouched. Common names
        // and values are swapped for their ready-made forms on the way (KnownHeaders), which need no check.
        CharSequence[] staged = new CharSequence[more.size() * 2];
        int i = 0;
        for (Map.Entry<String, ?> e : more.entrySet()) {
            String name = e.getKey();
            staged[i++] = checkedName(name);
            if (e.getValue() instanceof Iterable<?> values) {
                for (Object v : values) {
                    HeaderChecks.value(name, String.valueOf(v));
                }
                staged[i++] = null;
            } else {
                staged[i++] = checkedValue(name, String.valueOf(e.getValue()));
            }
        }
        // Onto no earlier header, fields are added as given, as node sends writeHead's object as it is.
        boolean fresh = headers.isEmpty();
        i = 0;
        for (Map.Entry<String, ?> e : more.entrySet()) {
            CharSequence name = staged[i++];
            CharSequence value = staged[i++];
            framing |= framingBit(e.getKey());
            if (value == null) {
                headers.remove(name);
                for (Object v : (Iterable<?>) e.getValue()) {
                    headers.add(name, String.valueOf(v));
                }
            } else if (fresh) {
                headers.add(name, value);
            } else {
                headers.set(name, value);
            }
        }
        status = code;
        if (text != null) {
            reason = text;
        }
        headersFixed = true;
        return this;
    }

    /** {@code name}, checked, or its ready-made form when it is a common one. */
    private static CharSequence checkedName(String name) {
        CharSequence known = KnownHeaders.name(name);
        return known != null ? known : HeaderChecks.name(name);
    }

    /** {@code value}, checked, or its ready-made form when it is a common one. */
    private static CharSequence checkedValue(String name, String value) {
        CharSequence known = KnownHeaders.value(value);
        return known != null ? known : HeaderChecks.value(name, value);
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
        connection.writeContinue();
    }

    private void checkNotSent() {
        if (headWritten || headersFixed && writableEnded()) {
            throw new StardustException("ERR_HTTP_HEADERS_SENT", "Cannot set headers after they are sent to the client");
        }
    }

    /** The bit of {@link #framing} that header {@code name} sets, 0 for any other header. */
    private static int framingBit(String name) {
        switch (name.length()) {
            case 4:
                return name.equalsIgnoreCase("Date") ? HAS_DATE : 0;
            case 10:
                return name.equalsIgnoreCase("Connection") ? HAS_CONNECTION : 0;
            case 14:
                return name.equalsIgnoreCase("Content-Length") ? HAS_CONTENT_LENGTH : 0;
            case 17:
                return name.equalsIgnoreCase("Transfer-Encoding") ? HAS_TRANSFER_ENCODING : 0;
            default:
                return 0;
        }
    }

    /**
     * Status, framing and connection headers, decided once when the head is about to be written. Only the headers
     * the user set are looked up: a hello response costs no lookup at all.
     */
    private HttpResponseStatus prepareHead(int knownLength) {
        headWritten = true;
        headersFixed = true;
        bodyless = head || status == 204 || status == 304 || status < 200;
        boolean hasLength = (framing & HAS_CONTENT_LENGTH) != 0;
        boolean hasTransferEncoding = (framing & HAS_TRANSFER_ENCODING) != 0;
        if (status == 204 || status == 304 || status < 200) {
            if (hasLength) {
                headers.remove(HttpHeaderNames.CONTENT_LENGTH);
            }
            if (hasTransferEncoding) {
                headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
            }
        } else if (!hasLength && !hasTransferEncoding) {
            if (knownLength >= 0) {
                headers.set(CONTENT_LENGTH, ContentLengths.of(knownLength));
            } else if (!head && version == HttpVersion.HTTP_1_1) {
                headers.set(TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                chunked = true;
            } else if (!head) {
                keepAlive = false;
            }
        } else if (hasTransferEncoding) {
            chunked = !head && version == HttpVersion.HTTP_1_1;
        }
        String connectionHeader = (framing & HAS_CONNECTION) != 0 ? headers.get(HttpHeaderNames.CONNECTION) : null;
        if (connectionHeader != null && connectionHeader.toLowerCase(Locale.ROOT).contains("close")) {
            keepAlive = false;
        }
        if (connection.server.closing() || connection.shouldCloseAfterThis()) {
            keepAlive = false;
        }
        if (connectionHeader == null || !keepAlive) {
            if (keepAlive) {
                headers.set(CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                headers.set(KEEP_ALIVE, connection.keepAliveHeader());
            } else {
                headers.set(CONNECTION, HttpHeaderValues.CLOSE);
            }
        }
        if ((framing & HAS_DATE) == 0) {
            headers.set(DATE, HttpDate.now());
        }
        if (!chunked && trailers != null) {
            trailers = null;
        }
        return reason == null ? HttpResponseStatus.valueOf(status) : new HttpResponseStatus(status, reason);
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
        channel.write(new DefaultHttpContent(wrap(chunk)), completion(callback));
        connection.flushSoon();
    }

    @Override
    public Promise<Void> sendFile(String path) {
        if (headWritten || wroteAny || writableEnded() || destroyed()) {
            return Promise.rejected(new StardustException("ERR_HTTP_HEADERS_SENT",
                    "Cannot send a file after the response has started"));
        }
        wroteAny = true;
        RealLoop loop = RealLoop.current();
        return loop.<FileChannel>executeBlocking(() -> {
            try {
                if (Files.isDirectory(Path.of(path))) {
                    throw Errno.fileError("EISDIR", "open", path);
                }
                return FileChannel.open(Path.of(path), StandardOpenOption.READ);
            } catch (IOException | RuntimeException e) {
                throw Errno.fileError(e, "open", path);
            }
        }).onFailure(e -> wroteAny = false).flatMap(file -> Promise.<Void>create((resolve, reject) -> {
            long size;
            try {
                size = file.size();
            } catch (IOException e) {
                closeQuietly(file);
                wroteAny = false;
                reject.accept(Errno.fileError(e, "fstat", path));
                return;
            }
            if (destroyed() || writableEnded()) {
                closeQuietly(file);
                reject.accept(new StardustException("ERR_STREAM_DESTROYED", "the response was closed"));
                return;
            }
            headers.set(CONTENT_LENGTH, size);
            headers.remove(TRANSFER_ENCODING);
            framing = (framing | HAS_CONTENT_LENGTH) & ~HAS_TRANSFER_ENCODING;
            HttpResponseStatus s = prepareHead(-1);
            if (bodyless) {
                closeQuietly(file);
                channel.write(new ResponseEncoder.BodylessHead(HttpVersion.HTTP_1_1, s, headers),
                        channel.voidPromise());
                resolve.accept(null);
            } else {
                channel.write(new DefaultHttpResponse(HttpVersion.HTTP_1_1, s, headers), channel.voidPromise());
                // The region owns the file from here: releasing it closes the channel.
                channel.write(new DefaultFileRegion(file, 0, size), completion(error -> {
                    if (error == null) {
                        resolve.accept(null);
                    } else {
                        reject.accept(error);
                    }
                }));
            }
            end();
        }));
    }

    private static void closeQuietly(FileChannel file) {
        try {
            file.close();
        } catch (IOException ignored) {
            // Nothing was sent from it.
        }
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
                    : new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, s, wrap(body), headers, EmptyHttpHeaders.INSTANCE);
            channel.write(message, completion(callback));
        } else {
            HttpHeaders t = trailers;
            LastHttpContent end = t == null || bodyless ? LastHttpContent.EMPTY_LAST_CONTENT
                    : new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER, t);
            channel.write(end, completion(callback));
        }
        connection.flushSoon();
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
        headers.clear();
        framing = HAS_CONNECTION;
        status = 500;
        reason = null;
        keepAlive = false;
        headers.set(CONNECTION, HttpHeaderValues.CLOSE);
        end();
    }

    private ChannelPromise completion(Consumer<@Nullable Throwable> callback) {
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

    private static ByteBuf wrap(Buffer buffer) {
        return Unpooled.wrappedBuffer(buffer.asByteBuffer());
    }
}
