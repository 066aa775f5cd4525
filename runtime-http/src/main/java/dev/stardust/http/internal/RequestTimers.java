package dev.stardust.http.internal;

import dev.stardust.StardustException;
import dev.stardust.Timer;
import dev.stardust.internal.RealLoop;
import org.jspecify.annotations.Nullable;

/**
 * A client request's two timeouts: the whole-request deadline from {@code RequestOptions.timeout}, which fails the
 * request, and node's {@code setTimeout} idle timer, which only emits {@code 'timeout'}. Both start over whenever
 * something of the reply arrives, and both stop when the request is over.
 */
final class RequestTimers {
    private final RealClientRequest request;
    private final RealLoop loop;
    private final long timeoutMs;
    private @Nullable Timer timer;
    private @Nullable Timer idleTimer;

    RequestTimers(RealClientRequest request, RealLoop loop, long timeoutMs) {
        this.request = request;
        this.loop = loop;
        this.timeoutMs = timeoutMs;
        if (timeoutMs > 0) {
            timer = loop.setTimer(this::timedOut, timeoutMs, false).unref();
        }
    }

    private void timedOut() {
        request.timedOut(new StardustException("ETIMEDOUT", "request timed out after " + timeoutMs + " ms"));
    }

    /** node's {@code request.setTimeout(ms)}: replaces the idle timer, none for 0 or when {@code !running}. */
    void idle(long ms, boolean running) {
        loop.checkThread();
        if (ms < 0) {
            throw new StardustException("ERR_OUT_OF_RANGE", "timeout must not be negative, got " + ms);
        }
        if (idleTimer != null) {
            idleTimer.close();
            idleTimer = null;
        }
        if (ms > 0 && running) {
            // Unreferenced: the request in flight keeps the loop alive, not its idle timer.
            idleTimer = loop.setTimer(() -> request.emit("timeout"), ms, true).unref();
        }
    }

    /** Something of the reply arrived: the timeout starts over. */
    void refresh() {
        if (timer != null) {
            timer.refresh();
        }
        if (idleTimer != null) {
            idleTimer.refresh();
        }
    }

    void close() {
        if (timer != null) {
            timer.close();
            timer = null;
        }
        if (idleTimer != null) {
            idleTimer.close();
            idleTimer = null;
        }
    }
}
