package dev.stardust.websocket.internal;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.internal.Errno;
import dev.stardust.internal.RealLoop;
import dev.stardust.websocket.Message;
import dev.stardust.websocket.WebSocket.ReadyState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * The receiving side of a {@link RealWebSocket}: the last handler on its channel, which brings frames, failures and
 * the channel's end onto the loop; whole messages from fragments ({@link Assembly}), automatic pongs, and the
 * failure that a protocol violation or a broken channel is. While the connection is paused, frames still decoded
 * (those that came with the handshake, or in the read that was under way) are held, in order, until it resumes, so
 * that a paused connection delivers nothing. Loop thread only, apart from the handler's entry points.
 */
final class FrameReceiver {
    private final RealWebSocket ws;
    private final RealLoop loop;
    private final boolean client;
    private final Assembly assembly;
    /** Frames decoded while paused, retained; those still here when the connection ends are released. */
    private final ArrayDeque<WebSocketFrame> held = new ArrayDeque<>();
    private boolean draining;
    private boolean failed;

    FrameReceiver(RealWebSocket ws, RealLoop loop, boolean client, int maxPayload) {
        this.ws = ws;
        this.loop = loop;
        this.client = client;
        this.assembly = new Assembly(maxPayload);
    }

    /** The handler that goes last on the channel: it hands frames, failures and the channel's end to the loop. */
    ChannelInboundHandlerAdapter handler() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (!(msg instanceof WebSocketFrame frame)) {
                    ReferenceCountUtil.release(msg);
                    return;
                }
                try {
                    loop.invoke(FrameReceiver.this::arrived, frame);
                } finally {
                    frame.release();
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                loop.invoke(FrameReceiver.this::fail, cause);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                // The socket allows half-closure; a WebSocket has no use for it: the peer's FIN ends the connection.
                if (evt instanceof ChannelInputShutdownEvent) {
                    ctx.close();
                }
                ReferenceCountUtil.release(evt);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                loop.invoke(ws::ended);
            }
        };
    }

    /** Drops the fragments of a message under way and the frames held while paused. */
    void clear() {
        assembly.clear();
        WebSocketFrame f;
        while ((f = held.poll()) != null) {
            f.release();
        }
    }

    /**
     * The connection resumed: delivers the held frames from an immediate (node's {@code resume} also flows later,
     * not from within the call), then reads again unless a listener paused it anew.
     */
    void resumed() {
        if (held.isEmpty()) {
            ws.readFromChannel(true);
        } else if (!draining) {
            draining = true;
            loop.setImmediate(this::drain);
        }
    }

    private void drain() {
        draining = false;
        WebSocketFrame f;
        while (!ws.isPaused() && (f = held.poll()) != null) {
            try {
                // Each delivery on its own, as a frame read live: a listener that throws stops only itself.
                loop.invoke(this::frame, f);
            } finally {
                f.release();
            }
        }
        if (!ws.isPaused()) {
            ws.readFromChannel(true);
        }
    }

    private void arrived(WebSocketFrame frame) {
        ws.idle().heard();
        if (failed || ws.readyState() == ReadyState.CLOSED) {
            return;
        }
        // Frames already held go first: a frame read after resume must not overtake them.
        if (ws.isPaused() || !held.isEmpty()) {
            held.add(frame.retain());
            return;
        }
        frame(frame);
    }

    private void frame(WebSocketFrame frame) {
        if (failed || ws.readyState() == ReadyState.CLOSED) {
            return;
        }
        ClosingHandshake closing = ws.closing();
        if (frame instanceof PingWebSocketFrame) {
            Buffer data = copy(frame.content());
            if (!closing.sent()) {
                ws.channel().writeAndFlush(new PongWebSocketFrame(frame.content().retainedDuplicate()));
            }
            ws.emit("ping", data);
        } else if (frame instanceof PongWebSocketFrame) {
            ws.idle().ponged();
            ws.emit("pong", copy(frame.content()));
        } else if (frame instanceof CloseWebSocketFrame close) {
            closing.frame(close);
        } else if (!closing.received()) {
            Message message;
            try {
                message = assembly.add(frame);
            } catch (WsErrors.Violation tooBig) {
                fail(tooBig);
                return;
            }
            if (message != null) {
                ws.emit("message", message);
            }
        }
    }

    /** The peer broke the protocol, or the channel failed: {@code error}, then the connection ends. */
    private void fail(Throwable cause) {
        if (failed || ws.readyState() == ReadyState.CLOSED) {
            return;
        }
        failed = true;
        Channel ch = ws.channel();
        if (WsErrors.isViolation(cause)) {
            StardustException error = WsErrors.from(cause, client);
            ws.closing().violated(ch, WsErrors.status(cause));
            assembly.clear();
            ws.emit("error", error);
        } else {
            ch.close();
            ws.emit("error", Errno.from(cause, "read", ""));
        }
    }

    private static Buffer copy(ByteBuf content) {
        return content.isReadable() ? Buffer.wrap(ByteBufUtil.getBytes(content)) : Buffer.EMPTY;
    }
}
