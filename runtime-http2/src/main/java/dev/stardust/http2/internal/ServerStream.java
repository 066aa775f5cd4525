package dev.stardust.http2.internal;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.http.Headers;
import dev.stardust.internal.RealLoop;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/2 stream on the server, the handler of its child channel: its HEADERS become a {@link StreamRequest} and
 * a {@link StreamResponse} for the server's handlers, its DATA the request body, a last HEADERS the trailers. Reading
 * follows the request's reader (auto-read off while its buffer is full), so a slow handler closes the client's
 * window. The stream's own deadline ({@code requestTimeout} until the request ended) and the response's write stall
 * are checked by the server's sweep through {@link ServerSession}. A reset or a lost connection aborts the request
 * and closes the response, as a lost connection does on HTTP/1.1.
 */
final class ServerStream extends ChannelInboundHandlerAdapter {
    final ServerSession session;
    final Http2StreamChannel channel;
    private final RealLoop loop;
    private final long openedNanos = System.nanoTime();
    private @Nullable StreamRequest request;
    private @Nullable StreamResponse response;
    private boolean requestEnded;
    private boolean responseEnded;
    private boolean dumping;

    ServerStream(ServerSession session, Http2StreamChannel channel) {
        this.session = session;
        this.channel = channel;
        this.loop = session.server.loop();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean top = loop.enter();
        try {
            if (msg instanceof Http2HeadersFrame headers) {
                if (request == null) {
                    start(headers);
                } else {
                    endRequest(ReceivedFields.of(headers.headers()));
                }
            } else if (msg instanceof Http2DataFrame data) {
                body(data);
            }
        } finally {
            ReferenceCountUtil.release(msg);
            loop.leave(top);
        }
    }

    private void start(Http2HeadersFrame frame) {
        Http2Headers h = frame.headers();
        CharSequence method = h.method();
        CharSequence path = h.path();
        String m = method == null ? "" : method.toString();
        boolean connect = m.equals("CONNECT");
        StreamRequest req = new StreamRequest(this, m, path == null ? (connect ? "" : "/") : path.toString(),
                ReceivedFields.of(h), address(channel.parent().localAddress()),
                address(channel.parent().remoteAddress()));
        StreamResponse res = new StreamResponse(this, m.equals("HEAD"));
        request = req;
        response = res;
        session.server.handle(req, res);
        if (frame.isEndStream()) {
            endRequest(Headers.EMPTY);
        }
    }

    private void body(Http2DataFrame data) {
        StreamRequest req = request;
        if (req != null && !dumping && data.content().isReadable()) {
            Buffer chunk = Buffer.wrap(ByteBufUtil.getBytes(data.content()));
            if (!req.body(chunk)) {
                channel.config().setAutoRead(false);
            }
        }
        if (data.isEndStream()) {
            endRequest(Headers.EMPTY);
        }
    }

    private void endRequest(Headers trailers) {
        if (requestEnded) {
            return;
        }
        requestEnded = true;
        StreamRequest req = request;
        if (req != null && !dumping) {
            req.finish(trailers);
        }
    }

    /** The request's reader wants more. */
    void readMore() {
        if (!channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    /** The response's last frame was written: a body nobody read is read and dropped from now on. */
    void responseEnded() {
        responseEnded = true;
        if (!requestEnded) {
            dumping = true;
            readMore();
        }
    }

    /** Ends the stream now with {@code RST_STREAM} ({@code CANCEL}), whatever state it is in. */
    void reset() {
        channel.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        boolean top = loop.enter();
        try {
            StreamRequest req = request;
            if (req != null && !requestEnded) {
                req.abort(new StardustException("ECONNRESET", "aborted"));
            }
            StreamResponse res = response;
            // A response whose last frame is written finishes when that write completes (or is destroyed by its
            // failure): the stream may close before the write's listener runs, which is no reason to destroy it.
            if (res != null && !res.destroyed() && !res.writableFinished() && !responseEnded) {
                res.destroy();
            }
            session.streamClosed(this);
        } finally {
            loop.leave(top);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A stream error (a malformed frame, a reset): the stream ends, and channelInactive tells the request.
        channel.close();
    }

    /** The request's deadline and the response's write stall, checked by the server's sweep. */
    void checkDeadlines(long now, long requestTimeoutNanos, long stallNanos) {
        StreamRequest req = request;
        StreamResponse res = response;
        if (!requestEnded && requestTimeoutNanos > 0 && now - openedNanos > requestTimeoutNanos) {
            requestEnded = true;
            if (req != null) {
                req.abort(new StardustException("ERR_HTTP_REQUEST_TIMEOUT", "the request timed out"));
            }
            if (res != null && !res.headersSent() && !res.writableEnded()) {
                res.statusCode(408);
                res.end();
            } else if (!responseEnded) {
                reset();
            }
        } else if (res != null && stallNanos > 0 && res.stalled(now, stallNanos)) {
            reset();
        }
    }

    private static InetSocketAddress address(@Nullable SocketAddress a) {
        return a instanceof InetSocketAddress inet ? inet : InetSocketAddress.createUnresolved("", 0);
    }
}
