package dev.stardust.websocket.internal;

import dev.stardust.Buffer;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.RealLoop;
import dev.stardust.websocket.WebSocket.ReadyState;
import dev.stardust.websocket.WebSocketOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The send path of a {@link RealWebSocket}: messages, their fragments and user pings and pongs, with the write
 * accounting for backpressure ({@code bufferedAmount}, {@code drain}) and the bound on what may wait to be sent.
 * Loop thread only.
 */
final class Sender {
    private final RealWebSocket ws;
    private final RealLoop loop;
    private final WebSocketOptions options;
    private long buffered;
    private boolean needDrain;
    /** Whether a message sent with {@code fin == false} is under way: the next data frame is a continuation. */
    private boolean fragmenting;

    Sender(RealWebSocket ws, RealLoop loop, WebSocketOptions options) {
        this.ws = ws;
        this.loop = loop;
        this.options = options;
    }

    /** The bytes handed to the channel whose write has not completed yet. */
    long buffered() {
        return buffered;
    }

    /** Whether {@code buffered} reached the high-water mark and {@code drain} is owed once it empties. */
    boolean needDrain() {
        return needDrain;
    }

    Promise<Void> text(String text, boolean fin) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return message(false, Unpooled.wrappedBuffer(bytes), bytes.length, fin);
    }

    Promise<Void> binary(Buffer data, boolean fin) {
        return message(true, Unpooled.wrappedBuffer(data.asByteBuffer()), data.length(), fin);
    }

    /** A message or one fragment of it: a continuation when a fragmented message is under way, as {@code ws}. */
    private Promise<Void> message(boolean binary, ByteBuf data, int size, boolean fin) {
        WebSocketFrame frame = fragmenting ? new ContinuationWebSocketFrame(fin, 0, data)
                : binary ? new BinaryWebSocketFrame(fin, 0, data) : new TextWebSocketFrame(fin, 0, data);
        return write(frame, size, true, () -> fragmenting = !fin);
    }

    Promise<Void> ping(Buffer data) {
        checkControl(data);
        return write(new PingWebSocketFrame(Unpooled.wrappedBuffer(data.asByteBuffer())), data.length(), false, null);
    }

    Promise<Void> pong(Buffer data) {
        checkControl(data);
        return write(new PongWebSocketFrame(Unpooled.wrappedBuffer(data.asByteBuffer())), data.length(), false, null);
    }

    private static void checkControl(Buffer data) {
        if (data.length() > 125) {
            throw new StardustException("ERR_OUT_OF_RANGE", "a control frame carries at most 125 bytes, got "
                    + data.length());
        }
    }

    /** Writes {@code frame} unless the connection or its buffer refuses it; {@code accepted} runs when it goes out. */
    private Promise<Void> write(WebSocketFrame frame, int size, boolean message, @Nullable Runnable accepted) {
        loop.checkThread();
        ReadyState state = ws.readyState();
        if (state == ReadyState.CONNECTING) {
            frame.release();
            throw new StardustException("WS_ERR_NOT_OPEN", "WebSocket is not open: readyState 0 (CONNECTING)");
        }
        if (state != ReadyState.OPEN || ws.closing().sent()) {
            frame.release();
            return notOpen(state);
        }
        if (message && buffered > 0 && buffered + size > options.maxBufferedAmount()) {
            frame.release();
            return Promise.rejected(new StardustException("WS_ERR_SEND_BUFFER_FULL", "the peer is not reading: "
                    + buffered + " bytes wait to be sent, the limit is " + options.maxBufferedAmount()));
        }
        if (accepted != null) {
            accepted.run();
        }
        buffered += size;
        if (buffered >= options.highWaterMark()) {
            needDrain = true;
        }
        LoopPromise<Void> p = new LoopPromise<>(loop);
        ws.channel().writeAndFlush(frame).addListener(f -> loop.invoke(() -> {
            buffered -= size;
            if (f.isSuccess()) {
                p.resolve(null);
            } else {
                // The connection is ending, which close already reports: as ws, a lost send is not an error.
                p.markHandled().reject(new StardustException("WS_ERR_NOT_OPEN", "the connection closed before "
                        + "the message was written", f.cause()));
            }
            if (needDrain && buffered == 0 && ws.readyState() == ReadyState.OPEN) {
                needDrain = false;
                ws.emit("drain");
            }
        }));
        return p;
    }

    private Promise<Void> notOpen(ReadyState state) {
        LoopPromise<Void> p = new LoopPromise<>(loop);
        p.markHandled().reject(new StardustException("WS_ERR_NOT_OPEN", "WebSocket is not open: readyState "
                + state.ordinal() + " (" + state + ")"));
        return p;
    }
}
