package dev.stardust.websocket.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The receiving half of {@code permessage-deflate} (RFC 7692), in place of Netty's, which gathers a frame's whole
 * output before anyone can count it: this one inflates in 16 KiB steps and fails with {@code 1009} as soon as a
 * message's output passes {@code maxPayload}, so a zip bomb costs at most that much heap. It also checks the RSV bits
 * the frame decoder lets through once an extension is on: RSV1 only on a message's first frame, never RSV2 or RSV3.
 * One inflater per connection, kept across messages (context takeover); a peer that ends its stream per message
 * ({@code no_context_takeover}) gets a fresh one.
 */
final class Inflate extends ChannelInboundHandlerAdapter {
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};
    private static final int STEP = 16 * 1024;

    private final int maxPayload;
    private final Inflater inflater = new Inflater(true);
    private final byte[] step = new byte[STEP];
    private boolean compressed;
    private long total;

    Inflate(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
                || msg instanceof ContinuationWebSocketFrame)) {
            if (msg instanceof WebSocketFrame control && control.rsv() != 0) {
                control.release();
                throw new WsErrors.Violation(WsErrors.PROTOCOL_ERROR, "WS_ERR_UNEXPECTED_RSV_1",
                        "RSV1 must be clear on a control frame");
            }
            ctx.fireChannelRead(msg);
            return;
        }
        WebSocketFrame frame = (WebSocketFrame) msg;
        int rsv = frame.rsv();
        boolean first = !(frame instanceof ContinuationWebSocketFrame);
        if ((rsv & 3) != 0 || (!first && (rsv & 4) != 0)) {
            frame.release();
            throw new WsErrors.Violation(WsErrors.PROTOCOL_ERROR,
                    (rsv & 3) != 0 ? "WS_ERR_UNEXPECTED_RSV_2_3" : "WS_ERR_UNEXPECTED_RSV_1",
                    (rsv & 3) != 0 ? "RSV2 and RSV3 must be clear" : "RSV1 must be clear on a continuation frame");
        }
        if (first) {
            compressed = (rsv & 4) != 0;
            total = 0;
        }
        if (!compressed) {
            ctx.fireChannelRead(frame);
            return;
        }
        byte[] out;
        boolean fin = frame.isFinalFragment();
        try {
            out = inflate(frame.content(), fin);
        } finally {
            frame.release();
        }
        ByteBuf content = Unpooled.wrappedBuffer(out);
        WebSocketFrame plain = frame instanceof TextWebSocketFrame ? new TextWebSocketFrame(fin, 0, content)
                : frame instanceof BinaryWebSocketFrame ? new BinaryWebSocketFrame(fin, 0, content)
                : new ContinuationWebSocketFrame(fin, 0, content);
        ctx.fireChannelRead(plain);
    }

    private byte[] inflate(ByteBuf in, boolean fin) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(STEP, Math.max(64, in.readableBytes() * 2)));
        ByteBuffer input = ByteBuffer.allocate(in.readableBytes() + (fin ? TAIL.length : 0));
        in.getBytes(in.readerIndex(), input.array(), 0, in.readableBytes());
        if (fin) {
            System.arraycopy(TAIL, 0, input.array(), in.readableBytes(), TAIL.length);
        }
        inflater.setInput(input.array(), 0, input.capacity());
        try {
            while (true) {
                int n = inflater.inflate(step);
                total += n;
                if (total > maxPayload) {
                    throw new WsErrors.Violation(WsErrors.MESSAGE_TOO_BIG, "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH",
                            "a compressed message inflates past maxPayload (" + maxPayload + " bytes)");
                }
                out.write(step, 0, n);
                if (inflater.finished()) {
                    // The peer ended its deflate stream: whatever follows starts a new one.
                    inflater.reset();
                    break;
                }
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            throw new WsErrors.Violation(WsErrors.INVALID_PAYLOAD, "WS_ERR_INVALID_COMPRESSED_DATA",
                    "invalid compressed data: " + e.getMessage());
        }
        return out.toByteArray();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        inflater.end();
    }
}
