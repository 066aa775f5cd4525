package dev.stardust.websocket.internal;

import dev.stardust.Buffer;
import dev.stardust.net.Socket;
import dev.stardust.net.internal.ChannelBridge;
import dev.stardust.net.internal.RealSocket;
import dev.stardust.websocket.WebSocketOptions;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns a socket's channel into a WebSocket's: the socket's bridge leaves (the socket keeps only its loop handle and
 * close), and in its place, in order: a watch that notes inbound bytes for the idle ping, Netty's frame encoder
 * (client: masking) and decoder (server: frames must be masked; limits; violations raised, not answered, so that
 * {@link RealWebSocket} closes with the right status once), {@code permessage-deflate} when agreed (Netty's encoder,
 * our {@link Inflate}), Netty's UTF-8 validator, which follows text across fragments, and the connection. The
 * encoder sits before the decoder so that anything written from the decoder's side is still framed.
 */
final class FramePipeline {
    private FramePipeline() {
    }

    /**
     * Takes the bytes {@code socket} read and buffered but nobody consumed (what followed an HTTP head), then removes
     * its bridge from the channel; returns the channel. The socket must not be flowing.
     */
    static Channel takeOver(Socket socket, List<Buffer> unread) {
        Buffer chunk;
        while ((chunk = socket.read()) != null) {
            unread.add(chunk);
        }
        Channel ch = ((RealSocket) socket).channel();
        if (ch == null) {
            throw new IllegalStateException("socket has no channel");
        }
        if (ch.pipeline().get(ChannelBridge.class) != null) {
            ch.pipeline().remove(ChannelBridge.class);
        }
        return ch;
    }

    /** Installs the WebSocket handlers on {@code ch} for {@code ws}, with {@code deflate}'s encoder when agreed. */
    static void install(Channel ch, RealWebSocket ws, boolean client, WebSocketOptions options,
            @Nullable ChannelHandler deflate) {
        WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(options.maxFrameSize())
                .expectMaskedFrames(!client)
                .allowMaskMismatch(false)
                .allowExtensions(deflate != null)
                .closeOnProtocolViolation(false)
                .withUTF8Validator(false)
                .build();
        ChannelPipeline p = ch.pipeline();
        WebSocket13FrameEncoder encoder = new WebSocket13FrameEncoder(client);
        p.addLast(new Activity(ws), encoder, new WebSocket13FrameDecoder(config));
        if (deflate != null) {
            p.addLast(deflate, new Inflate(options.maxPayload()));
        }
        p.addLast(new Utf8FrameValidator(false), ws.handler());
    }

    /**
     * Feeds {@code unread} (bytes read before the handlers were there) to the frame decoder, then reads on unless
     * {@code ws} is paused: once the user has had the chance to listen.
     */
    static void feed(Channel ch, RealWebSocket ws, List<Buffer> unread) {
        ChannelHandlerContext beforeDecoder = ch.pipeline().context(WebSocket13FrameEncoder.class);
        if (beforeDecoder == null) {
            return;
        }
        for (Buffer chunk : new ArrayList<>(unread)) {
            beforeDecoder.fireChannelRead(Unpooled.wrappedBuffer(chunk.asByteBuffer()));
        }
        if (!unread.isEmpty()) {
            beforeDecoder.fireChannelReadComplete();
        }
        ch.config().setAutoRead(!ws.isPaused());
    }

    /** Notes each read for the idle ping. */
    private static final class Activity extends ChannelInboundHandlerAdapter {
        private final RealWebSocket ws;

        Activity(RealWebSocket ws) {
            this.ws = ws;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ws.heard();
            ctx.fireChannelRead(msg);
        }
    }
}
