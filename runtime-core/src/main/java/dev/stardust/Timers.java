package dev.stardust;

import dev.stardust.internal.RealLoop;
import org.jspecify.annotations.Nullable;

/**
 * node's timer functions on the current loop, with node's ordering: the {@link #nextTick} queue drains after every
 * callback; immediates run after the I/O callbacks of the same turn; timers fire in deadline order, equal
 * deadlines in the order they were set. Delays below 1 ms or above 2^31-1 ms become 1 ms, as in node. An
 * interval plans its next run from its deadline, so it does not drift, and never fires in a burst to catch up
 * after a slow callback. Loop thread only.
 */
public final class Timers {
    private Timers() {
    }

    /** Runs {@code callback} once after {@code delayMs} milliseconds (node's {@code setTimeout}). */
    public static Timer setTimeout(Runnable callback, long delayMs) {
        return RealLoop.current().setTimer(callback, delayMs, false);
    }

    /** Runs {@code callback} every {@code intervalMs} milliseconds until cancelled (node's {@code setInterval}). */
    public static Timer setInterval(Runnable callback, long intervalMs) {
        return RealLoop.current().setTimer(callback, intervalMs, true);
    }

    /** Runs {@code callback} after this turn's I/O callbacks (node's {@code setImmediate}). */
    public static Immediate setImmediate(Runnable callback) {
        return RealLoop.current().setImmediate(callback);
    }

    /** Runs {@code callback} as soon as the current callback returns, before any I/O (node's {@code nextTick}). */
    public static void nextTick(Runnable callback) {
        RealLoop.current().nextTick(callback);
    }

    /** Cancels a timeout; {@code null} and already finished timers are ignored (node's {@code clearTimeout}). */
    public static void clearTimeout(@Nullable Timer timer) {
        if (timer != null) {
            timer.close();
        }
    }

    /** Cancels an interval; {@code null} is ignored (node's {@code clearInterval}). */
    public static void clearInterval(@Nullable Timer timer) {
        clearTimeout(timer);
    }

    /** Cancels an immediate that has not run; {@code null} is ignored (node's {@code clearImmediate}). */
    public static void clearImmediate(@Nullable Immediate immediate) {
        if (immediate != null) {
            immediate.close();
        }
    }
}
