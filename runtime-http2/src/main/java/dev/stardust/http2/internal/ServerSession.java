package dev.stardust.http2.internal;

import dev.stardust.http2.Http2ServerOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One HTTP/2 connection on the server (node's {@code Http2Session}): Netty's frame codec, configured with the
 * server's settings and defences by {@link Codecs}, and its multiplexer, which gives each stream a child channel
 * with a {@link ServerStream}. Closes a connection that sends no request within {@code headersTimeout} and one left
 * without streams for {@code keepAliveTimeout}, with {@code GOAWAY}; a graceful close lets open streams finish.
 */
final class ServerSession extends ChannelInboundHandlerAdapter {
    final Http2ServerCore server;
    final Channel channel;
    private final Set<ServerStream> streams = new LinkedHashSet<>();
    private final long headersTimeoutNanos;
    private final long idleTimeoutNanos;
    private final long requestTimeoutNanos;
    private final long stallNanos;
    private final long acceptedNanos = System.nanoTime();
    private long idleSinceNanos = acceptedNanos;
    private boolean sawStream;
    private boolean goingAway;
    private Http2FrameCodec codec;

    ServerSession(Http2ServerCore server, Channel channel) {
        this.server = server;
        this.channel = channel;
        Http2ServerOptions o = server.options;
        this.headersTimeoutNanos = o.http1().headersTimeout().toNanos();
        this.idleTimeoutNanos = o.http1().keepAliveTimeout().toNanos();
        this.requestTimeoutNanos = o.http1().requestTimeout().toNanos();
        this.stallNanos = o.http1().writeStallTimeout().toNanos();
        this.codec = Codecs.server(o);
    }

    void install() {
        channel.config().setAutoRead(true);
        channel.pipeline().addLast(codec, new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel ch) {
                ServerStream stream = new ServerStream(ServerSession.this, ch);
                streams.add(stream);
                sawStream = true;
                ch.pipeline().addLast(stream);
            }
        }), this);
        channel.closeFuture().addListener(f -> server.sessionClosed(this));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // SETTINGS, PING and GOAWAY frames, which the codec has already answered.
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // The codec shows a connection error here first, then sends GOAWAY with its code and closes: closing here
        // would send a GOAWAY saying NO_ERROR before it. A socket failure is closed by the codec too.
    }

    void streamClosed(ServerStream stream) {
        streams.remove(stream);
        if (streams.isEmpty()) {
            idleSinceNanos = System.nanoTime();
        }
    }

    /** The session's and its streams' deadlines, from the server's sweep. */
    void checkDeadlines(long now) {
        if (!sawStream && headersTimeoutNanos > 0 && now - acceptedNanos > headersTimeoutNanos) {
            destroy();
            return;
        }
        if (streams.isEmpty() && idleTimeoutNanos > 0 && now - idleSinceNanos > idleTimeoutNanos) {
            goAway();
            return;
        }
        for (ServerStream s : new ArrayList<>(streams)) {
            s.checkDeadlines(now, requestTimeoutNanos, stallNanos);
        }
    }

    /** Sends {@code GOAWAY} and closes once the open streams have finished (node's {@code session.close()}). */
    void goAway() {
        if (!goingAway) {
            goingAway = true;
            channel.close();
        }
    }

    /** Closes now, open streams reset (node's {@code session.destroy()}). */
    void destroy() {
        codec.gracefulShutdownTimeoutMillis(0);
        channel.close();
    }
}
