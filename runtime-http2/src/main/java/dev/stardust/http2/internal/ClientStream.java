package dev.stardust.http2.internal;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.Timer;
import dev.stardust.http.ClientRequest;
import dev.stardust.http.Headers;
import dev.stardust.http.IncomingMessage;
import dev.stardust.http.internal.HeaderChecks;
import dev.stardust.internal.Errno;
import dev.stardust.internal.RealLoop;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A request on a client session's HTTP/2 stream, as node's {@code ClientHttp2Stream} shaped as the HTTP client's
 * {@link ClientRequest}: the head is sent as HEADERS with the first write or the end, the body as DATA, and the
 * response arrives as an {@link IncomingMessage} on {@code response}. Until the session is connected and the
 * stream open, what is written waits here (its callbacks too, so {@code write()} still says when to stop). A reset,
 * a lost connection or {@link #destroy()} before the response fails the request with {@code error}; after it, the
 * response is aborted. {@code close} follows the end of the response or the failure.
 */
final class ClientStream extends ClientRequest {
    private final ClientSession session;
    private final RealLoop loop;
    private final String method;
    private final String path;
    private final OutgoingFields headers = new OutgoingFields();
    private final List<Runnable> waiting = new ArrayList<>(2);
    private @Nullable Http2StreamChannel channel;
    private @Nullable ReceivedResponse response;
    private boolean headSent;
    private boolean done;
    private @Nullable Timer idleTimer;

    ClientStream(ClientSession session, String method, String path, Consumer<IncomingMessage> onResponse) {
        this.session = session;
        this.loop = session.loop();
        this.method = HeaderChecks.text("method", method);
        this.path = HeaderChecks.text("path", path);
        onResponse(onResponse);
    }

    // ---- the head ------------------------------------------------------------------------------------------

    @Override
    public ClientRequest setHeader(String name, String value) {
        checkNotSent();
        headers.set(name, value);
        return this;
    }

    @Override
    public Optional<String> getHeader(String name) {
        return headers.get(name);
    }

    @Override
    public ClientRequest removeHeader(String name) {
        checkNotSent();
        headers.remove(name);
        return this;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public ClientRequest setTimeout(long ms) {
        if (ms < 0) {
            throw new StardustException("ERR_OUT_OF_RANGE", "timeout must not be negative, got " + ms);
        }
        if (idleTimer != null) {
            idleTimer.close();
            idleTimer = null;
        }
        if (ms > 0 && !done) {
            idleTimer = loop.setTimer(() -> {
                idleTimer = null;
                if (!done) {
                    emit("timeout");
                }
            }, ms, false).unref();
        }
        return this;
    }

    private void activity() {
        if (idleTimer != null) {
            idleTimer.refresh();
        }
    }

    private void checkNotSent() {
        if (headSent) {
            throw new StardustException("ERR_HTTP_HEADERS_SENT", "Cannot set headers after they are sent");
        }
    }

    private Http2Headers head() {
        headSent = true;
        Http2Headers h = OutgoingFields.newHeaders().method(method).path(path).scheme(session.scheme())
                .authority(session.authority());
        return headers.toHeaders(h);
    }

    // ---- opening -------------------------------------------------------------------------------------------

    /** The session is ready: opens the stream, then sends whatever waited. */
    void open(Http2StreamChannel ch) {
        if (done) {
            ch.close();
            return;
        }
        channel = ch;
        ch.pipeline().addLast(new Receiver());
        ch.closeFuture().addListener(f -> {
            boolean top = loop.enter();
            try {
                closed();
            } finally {
                loop.leave(top);
            }
        });
        for (Runnable r : waiting) {
            r.run();
        }
        waiting.clear();
    }

    /** The session failed before the stream could open. */
    void failToOpen(StardustException error) {
        waiting.clear();
        fail(error);
    }

    private void whenOpen(Runnable action) {
        if (channel != null) {
            action.run();
        } else {
            waiting.add(action);
        }
    }

    // ---- the body ------------------------------------------------------------------------------------------

    @Override
    protected void doWrite(Buffer chunk, Consumer<@Nullable Throwable> callback) {
        whenOpen(() -> {
            Http2StreamChannel ch = channel;
            if (ch == null || done) {
                callback.accept(new StardustException("ERR_STREAM_DESTROYED", "the request is over"));
                return;
            }
            if (!headSent) {
                ch.write(new DefaultHttp2HeadersFrame(head(), false), ch.voidPromise());
            }
            ch.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(chunk.asByteBuffer()), false),
                    completion(ch, callback));
            activity();
        });
    }

    @Override
    protected void doFinal(Consumer<@Nullable Throwable> callback) {
        whenOpen(() -> {
            Http2StreamChannel ch = channel;
            if (ch == null || done) {
                callback.accept(new StardustException("ERR_STREAM_DESTROYED", "the request is over"));
                return;
            }
            Object last = headSent ? new DefaultHttp2DataFrame(true) : new DefaultHttp2HeadersFrame(head(), true);
            ch.writeAndFlush(last, completion(ch, callback));
        });
    }

    private ChannelPromise completion(Http2StreamChannel ch, Consumer<@Nullable Throwable> callback) {
        ChannelPromise promise = ch.newPromise();
        promise.addListener(f -> callback.accept(f.isSuccess() ? null : Errno.from(f.cause(), "write", "")));
        return promise;
    }

    @Override
    protected void doDestroy(@Nullable Throwable error, Consumer<@Nullable Throwable> callback) {
        if (!done) {
            // node's request.destroy(): before the response the request fails ("socket hang up" stays quiet when
            // it is the user's doing), during it the response is aborted.
            done = true;
            ReceivedResponse r = response;
            if (r != null) {
                r.abort(new StardustException("ECONNRESET", "aborted"));
            }
            reset();
        }
        stopTimer();
        callback.accept(error);
    }

    private void stopTimer() {
        if (idleTimer != null) {
            idleTimer.close();
            idleTimer = null;
        }
    }

    // ---- receiving -----------------------------------------------------------------------------------------

    void readMore() {
        Http2StreamChannel ch = channel;
        if (ch != null && !ch.config().isAutoRead()) {
            ch.config().setAutoRead(true);
        }
    }

    void reset() {
        Http2StreamChannel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    private void headers(Http2HeadersFrame frame) {
        ReceivedResponse r = response;
        if (r != null) {
            complete(ReceivedFields.of(frame.headers()));
            return;
        }
        CharSequence status = frame.headers().status();
        int code = status == null ? 0 : Integer.parseInt(status.toString());
        if (code >= 100 && code < 200) {
            // Informational (100 Continue, 103 Early Hints): the real head follows.
            return;
        }
        Http2StreamChannel ch = channel;
        r = new ReceivedResponse(this, code, HttpResponseStatus.valueOf(code).reasonPhrase(),
                ReceivedFields.of(frame.headers()), address(ch == null ? null : ch.parent().localAddress()),
                address(ch == null ? null : ch.parent().remoteAddress()));
        response = r;
        emit("response", r);
        if (frame.isEndStream()) {
            complete(Headers.EMPTY);
        }
    }

    private void data(Http2DataFrame frame) {
        ReceivedResponse r = response;
        if (r != null && frame.content().isReadable()) {
            if (!r.body(Buffer.wrap(ByteBufUtil.getBytes(frame.content())))) {
                Http2StreamChannel ch = channel;
                if (ch != null) {
                    ch.config().setAutoRead(false);
                }
            }
        }
        if (frame.isEndStream()) {
            complete(Headers.EMPTY);
        }
    }

    private void complete(Headers trailers) {
        ReceivedResponse r = response;
        if (done || r == null) {
            return;
        }
        done = true;
        stopTimer();
        r.finish(trailers);
        // node: the request closes once its response is over.
        if (!destroyed()) {
            destroy();
        }
    }

    private void closed() {
        if (done) {
            return;
        }
        StardustException error = new StardustException("ECONNRESET",
                response == null ? "the stream was reset before a response" : "aborted");
        if (response != null) {
            done = true;
            response.abort(error);
            if (!destroyed()) {
                destroy();
            }
        } else {
            fail(error);
        }
    }

    private void fail(StardustException error) {
        if (done) {
            return;
        }
        done = true;
        stopTimer();
        if (!destroyed()) {
            destroy(error);
        }
    }

    private static InetSocketAddress address(@Nullable SocketAddress a) {
        return a instanceof InetSocketAddress inet ? inet : InetSocketAddress.createUnresolved("", 0);
    }

    /** The stream channel's handler: frames to the response, on the loop. */
    private final class Receiver extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            boolean top = loop.enter();
            try {
                activity();
                if (msg instanceof Http2HeadersFrame h) {
                    headers(h);
                } else if (msg instanceof Http2DataFrame d) {
                    data(d);
                }
            } finally {
                ReferenceCountUtil.release(msg);
                loop.leave(top);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
