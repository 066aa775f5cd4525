package dev.stardust.net.internal;

import dev.stardust.Timer;
import dev.stardust.internal.RealLoop;
import dev.stardust.net.Socket;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A socket's idle timeout (node's {@code setTimeout}): emits {@code timeout} on the socket once nothing was read or
 * written for the set time. Activity only records the time; one unref'd timer checks it when it fires and re-arms
 * for the rest, so a busy socket costs no timer work per read or write. Loop thread only.
 */
final class IdleTimeout {
    private final RealLoop loop;
    private final Socket socket;
    private long timeoutMs;
    private long lastActivity;
    private @Nullable Timer timer;

    IdleTimeout(RealLoop loop, Socket socket) {
        this.loop = loop;
        this.socket = socket;
    }

    /** Starts the countdown of {@code ms} milliseconds from now; 0 turns it off. */
    void set(long ms) {
        clear();
        timeoutMs = Math.max(0, ms);
        if (timeoutMs > 0 && !socket.destroyed()) {
            lastActivity = System.nanoTime();
            arm(timeoutMs);
        }
    }

    /** The timeout in milliseconds, 0 when off. */
    long ms() {
        return timeoutMs;
    }

    /** Records activity: the countdown restarts, and a timeout that already fired is armed again. */
    void touch() {
        if (timeoutMs > 0) {
            lastActivity = System.nanoTime();
            if (timer == null) {
                arm(timeoutMs);
            }
        }
    }

    /** Stops the timer, as the socket closes. */
    void clear() {
        Timer t = timer;
        timer = null;
        if (t != null) {
            t.close();
        }
    }

    private void arm(long delayMs) {
        timer = loop.setTimer(this::check, delayMs, false).unref();
    }

    private void check() {
        timer = null;
        if (socket.destroyed() || timeoutMs == 0) {
            return;
        }
        long idleMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActivity);
        if (idleMs >= timeoutMs) {
            // Re-armed by the next activity only, as node: one timeout event per idle period.
            socket.emit("timeout");
        } else {
            arm(timeoutMs - idleMs);
        }
    }
}
