package dev.stardust.websocket.internal;

import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.Timer;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.RealLoop;
import dev.stardust.websocket.CloseEvent;
import dev.stardust.websocket.WebSocket.ReadyState;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The closing handshake of a {@link RealWebSocket}: the close frames each way, the status and reason the peer gave,
 * the timeout after which a close the peer does not complete is cut short, and the promise {@code close} returns.
 * Loop thread only.
 */
final class ClosingHandshake {
    private final RealWebSocket ws;
    private final RealLoop loop;
    private final boolean client;
    private final long timeoutMs;
    private @Nullable LoopPromise<Void> closed;
    private boolean sent;
    private boolean received;
    private int code = 1006;
    private String reason = "";
    private @Nullable Timer timer;

    ClosingHandshake(RealWebSocket ws, RealLoop loop, boolean client, long timeoutMs) {
        this.ws = ws;
        this.loop = loop;
        this.client = client;
        this.timeoutMs = timeoutMs;
    }

    /** Whether a close frame went out: no frame may follow it. */
    boolean sent() {
        return sent;
    }

    /** Whether the peer's close frame came: no message after it counts. */
    boolean received() {
        return received;
    }

    /** {@code close(status, why)}: checks what the user asked for, then starts the handshake. */
    Promise<Void> close(int status, String why) {
        if (!CloseCodes.canSend(status)) {
            throw new StardustException("WS_ERR_INVALID_CLOSE_CODE", "invalid close code: " + status);
        }
        if (why.getBytes(StandardCharsets.UTF_8).length > 123) {
            throw new StardustException("ERR_OUT_OF_RANGE", "a close reason is at most 123 bytes of UTF-8");
        }
        return start(status, why);
    }

    /** Starts closing from this end with {@code status} ({@code -1} for none); one promise for every call. */
    Promise<Void> start(int status, String why) {
        loop.checkThread();
        LoopPromise<Void> p = closed;
        if (p != null) {
            return p;
        }
        p = new LoopPromise<>(loop);
        closed = p;
        ReadyState state = ws.readyState();
        if (state == ReadyState.CLOSED) {
            p.resolve(null);
            return p;
        }
        if (state == ReadyState.CONNECTING) {
            ws.terminate();
            return p;
        }
        if (!sent) {
            sent = true;
            ws.readyState(ReadyState.CLOSING);
            ws.channel().writeAndFlush(status < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(status, why));
        }
        startTimer();
        return p;
    }

    /** The peer's close frame came. */
    void frame(CloseWebSocketFrame frame) {
        received = true;
        int status = frame.statusCode();
        code = status < 0 ? 1005 : status;
        reason = status < 0 ? "" : frame.reasonText();
        ws.readyState(ReadyState.CLOSING);
        Channel ch = ws.channel();
        if (!sent) {
            // Echo the status (none for none), then, as the server, end the TCP connection: RFC 6455 7.1.1.
            sent = true;
            CloseWebSocketFrame echo = status < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(status, reason);
            var written = ch.writeAndFlush(echo);
            if (!client) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        } else if (!client) {
            ch.close();
        }
        if (client) {
            startTimer();
        }
    }

    /** The peer broke the protocol: close with {@code status} unless a close went out already, then end. */
    void violated(Channel ch, int status) {
        if (!sent && ch.isActive()) {
            sent = true;
            ws.readyState(ReadyState.CLOSING);
            ch.writeAndFlush(new CloseWebSocketFrame(status, "")).addListener(ChannelFutureListener.CLOSE);
        } else {
            ch.close();
        }
    }

    private void startTimer() {
        if (timer == null) {
            Timer t = loop.setTimer(ws::terminate, timeoutMs, false);
            t.unref();
            timer = t;
        }
    }

    /** The connection ended: stops the timer. */
    void stop() {
        Timer t = timer;
        if (t != null) {
            t.close();
        }
    }

    /** What {@code close} reports: the peer's status and reason if it sent any, clean if both frames went. */
    CloseEvent event() {
        return new CloseEvent(received ? code : 1006, received ? reason : "", sent && received);
    }

    /** Settles the promise {@code close} returned, if it was called. */
    void settle() {
        LoopPromise<Void> p = closed;
        if (p != null) {
            p.resolve(null);
        }
    }
}
