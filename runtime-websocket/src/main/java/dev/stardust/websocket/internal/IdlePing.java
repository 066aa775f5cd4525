package dev.stardust.websocket.internal;

import dev.stardust.StardustException;
import dev.stardust.Timer;
import dev.stardust.internal.RealLoop;
import dev.stardust.websocket.WebSocket.ReadyState;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import org.jspecify.annotations.Nullable;

/**
 * The idle timeout of a {@link RealWebSocket}: when nothing came from the peer for one period it is pinged, and when
 * still nothing came by the end of the next the connection is terminated with {@code ETIMEDOUT}. Loop thread only,
 * except {@link #heard()}, which only sets a flag.
 */
final class IdlePing {
    private final RealWebSocket ws;
    private final RealLoop loop;
    private final long periodMs;
    private @Nullable Timer timer;
    private boolean heard;
    private boolean pinged;

    IdlePing(RealWebSocket ws, RealLoop loop, long periodMs) {
        this.ws = ws;
        this.loop = loop;
        this.periodMs = periodMs;
    }

    /** Starts the timer, when there is an idle timeout; it does not keep the loop alive. */
    void start() {
        if (periodMs > 0) {
            Timer t = loop.setTimer(this::tick, periodMs, true);
            t.unref();
            timer = t;
        }
    }

    void stop() {
        Timer t = timer;
        if (t != null) {
            t.close();
        }
    }

    /** Notes that bytes came from the peer. */
    void heard() {
        heard = true;
    }

    /** A pong came: the peer answered the ping. */
    void ponged() {
        pinged = false;
    }

    private void tick() {
        if (heard) {
            heard = false;
            pinged = false;
        } else if (!pinged) {
            pinged = true;
            if (ws.readyState() == ReadyState.OPEN) {
                ws.channel().writeAndFlush(new PingWebSocketFrame());
            }
        } else if (ws.readyState() != ReadyState.CLOSED) {
            ws.terminate();
            ws.emit("error", new StardustException("ETIMEDOUT", "no answer from the peer for "
                    + 2 * periodMs + " ms"));
        }
    }
}
