package dev.stardust.internal;

import dev.stardust.Timer;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * node's timers phase: the loop's timeouts and intervals in a {@link TimerQueue}, the due ones run at the start of
 * each turn. A queued timer that is referenced counts as a handle keeping the loop alive. Loop thread only.
 */
final class TimerPhase {
    private final RealLoop loop;
    private final TimerQueue queue = new TimerQueue();

    TimerPhase(RealLoop loop) {
        this.loop = loop;
    }

    /** See {@link dev.stardust.Timers#setTimeout} and {@link dev.stardust.Timers#setInterval}. */
    Timer set(Runnable callback, long delayMs, boolean repeat) {
        if (delayMs < 1 || delayMs > Integer.MAX_VALUE) {
            delayMs = 1;
        }
        long period = TimeUnit.MILLISECONDS.toNanos(delayMs);
        RealTimer timer = new RealTimer(loop, callback, period, repeat);
        schedule(timer, System.nanoTime() + period);
        return timer;
    }

    void schedule(RealTimer timer, long deadline) {
        queue.add(timer, deadline);
        if (timer.hasRef()) {
            loop.addRef();
        }
    }

    void cancel(RealTimer timer) {
        if (timer.isQueued()) {
            queue.remove(timer);
            if (timer.hasRef()) {
                loop.removeRef();
            }
        }
    }

    int size() {
        return queue.size();
    }

    /** The timer due first, or null when none is set. */
    @Nullable RealTimer next() {
        return queue.peek();
    }

    void runDue() {
        if (queue.size() == 0) {
            return;
        }
        // Timers set by these callbacks are never due in this same pass: node compares with the phase's start.
        long now = System.nanoTime();
        RealTimer t;
        while ((t = queue.peek()) != null && t.deadline - now <= 0) {
            queue.remove(t);
            if (t.repeat) {
                long start = System.nanoTime();
                long next = t.deadline + t.periodNanos;
                if (next - start <= 0) {
                    next = start + t.periodNanos;
                }
                queue.add(t, next);
            } else if (t.hasRef()) {
                loop.removeRef();
            }
            loop.invoke(t.callback);
        }
    }

    /** Drops every timer unrun, when the loop's close deadline passes. */
    void clear() {
        for (RealTimer t : queue.clear()) {
            if (t.hasRef()) {
                loop.removeRef();
            }
        }
    }
}
