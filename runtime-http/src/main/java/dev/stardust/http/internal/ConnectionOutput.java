package dev.stardust.http.internal;

import dev.stardust.internal.RealLoop;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslHandler;

/**
 * When a server connection's writes leave: what is written during a read batch is flushed once at the batch's end
 * (pipelined responses go out in one write), what is written outside one once after the current tick. A close waits
 * for what was written and, inside a read batch, for the batch's end, so the batch is seen whole. Also writes the
 * answers that no handler gives: {@code 100 Continue} and the bare error status of a refused request.
 */
final class ConnectionOutput {
    private final Channel channel;
    private final RealLoop loop;
    private boolean inRead;
    private boolean flushPending;
    private boolean closeAfterRead;
    private boolean flushScheduled;

    ConnectionOutput(Channel channel, RealLoop loop) {
        this.channel = channel;
        this.loop = loop;
    }

    /** Whether a read batch is running: writes wait for its end. */
    boolean inRead() {
        return inRead;
    }

    void readStarted() {
        inRead = true;
    }

    /** The read batch ended: flushes what it wrote, or closes when a close waited for it. */
    void readEnded() {
        inRead = false;
        if (closeAfterRead) {
            closeAfterRead = false;
            flushPending = false;
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else if (flushPending) {
            flushPending = false;
            channel.flush();
        }
    }

    /** Flushes at the end of the current read batch, or after the current tick outside one. */
    void flushSoon() {
        if (inRead) {
            flushPending = true;
        } else if (!flushScheduled) {
            flushScheduled = true;
            loop.nextTick(() -> {
                flushScheduled = false;
                channel.flush();
            });
        }
    }

    /** Flushes now what waits for the batch's end: the connection is about to change hands. */
    void flushPendingNow() {
        if (flushPending) {
            flushPending = false;
            channel.flush();
        }
    }

    /** Closes once what was written is flushed; inside a read batch, after the batch, so the batch is seen whole. */
    void closeAfterFlush() {
        if (inRead) {
            closeAfterRead = true;
            flushPending = true;
        } else {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    void writeContinue() {
        channel.write(new ResponseEncoder.BodylessFull(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                DefaultHttpHeadersFactory.headersFactory().newEmptyHeaders()), channel.voidPromise());
        flushSoon();
    }

    /** Answers {@code status} with no body and closes, reading nothing more: a refused request or a timeout. */
    void answerAndClose(int status) {
        if (handshaking()) {
            // A TLS handshake still under way (the headers timeout counts from the accept): nothing HTTP can be
            // answered, and a response queued behind the handshake would hold the close until the handshake
            // timeout, since nothing reads for the handshake any more. Close, as node destroys such a socket.
            channel.close();
            return;
        }
        HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().newHeaders();
        headers.set("Connection", HttpHeaderValues.CLOSE);
        headers.set("Content-Length", 0);
        headers.set("Date", HttpDate.now());
        channel.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.EMPTY_BUFFER, headers, DefaultHttpHeadersFactory.trailersFactory().newEmptyHeaders()))
                .addListener(ChannelFutureListener.CLOSE);
        channel.config().setAutoRead(false);
    }

    private boolean handshaking() {
        if (channel.pipeline().get(SniHandler.class) != null) {
            return true;
        }
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        return ssl != null && !ssl.handshakeFuture().isDone();
    }
}
