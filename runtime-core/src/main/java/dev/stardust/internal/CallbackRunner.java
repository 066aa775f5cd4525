package dev.stardust.internal;

import dev.stardust.StardustException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The loop's entry into user code: every callback runs guarded (what it throws goes to the uncaught-exception
 * handler, never back to its caller), and when a top-level callback returns, the nextTick queue drains and
 * promises that failed with no failure callback are reported, as node does after each callback.
 *
 * <p>Loop thread only, except the blocked-loop stamps (read by {@link BlockedLoopChecker}) and the handler.
 */
final class CallbackRunner {
    final long blockedThresholdNanos;
    /** When the running top-level callback started, or 0 between callbacks. */
    volatile long callbackStartedNanos;
    /** The start stamp of the last callback reported as blocking, so that each is reported once. */
    volatile long lastBlockedReport;
    private volatile Consumer<Throwable> uncaughtHandler;
    /** The program's own say over an error (node's {@code process.on('uncaughtException')}); true when taken. */
    private @Nullable Predicate<Throwable> processListeners;
    private boolean inProcessListeners;
    private final ArrayDeque<Runnable> ticks = new ArrayDeque<>();
    private final List<LoopPromise<?>> rejections = new ArrayList<>();
    private int depth;

    CallbackRunner(long blockedThresholdNanos, Consumer<Throwable> uncaughtHandler) {
        this.blockedThresholdNanos = blockedThresholdNanos;
        this.uncaughtHandler = uncaughtHandler;
    }

    void uncaughtHandler(Consumer<Throwable> handler) {
        this.uncaughtHandler = Objects.requireNonNull(handler);
    }

    void processListeners(Predicate<Throwable> listeners) {
        this.processListeners = listeners;
    }

    /** Runs a callback: exceptions go to the uncaught handler, and at top level the tick queue drains after. */
    void invoke(Runnable callback) {
        boolean top = enter();
        try {
            callback.run();
        } catch (Throwable t) {
            reportUncaught(t);
        } finally {
            leave(top);
        }
    }

    /** As {@link #invoke(Runnable)} for a one-argument callback, without allocating a closure. */
    <A> void invoke(Consumer<A> callback, A argument) {
        boolean top = enter();
        try {
            callback.accept(argument);
        } catch (Throwable t) {
            reportUncaught(t);
        } finally {
            leave(top);
        }
    }

    /** Marks entry into user code; returns true at top level. */
    boolean enter() {
        if (++depth == 1) {
            callbackStartedNanos = System.nanoTime();
            return true;
        }
        return false;
    }

    /** Leaves top-level user code: drains the tick queue, reports unhandled rejections. */
    void exit() {
        try {
            drainTicks();
        } finally {
            callbackStartedNanos = 0;
            depth--;
        }
    }

    /** Leaves user code entered with {@link #enter()}, given what it returned: at top level, as {@link #exit()}. */
    void leave(boolean top) {
        if (top) {
            exit();
        } else {
            depth--;
        }
    }

    /** Runs {@code r}, routing anything it throws to the uncaught handler. */
    void runGuarded(Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            reportUncaught(t);
        }
    }

    /** Hands {@code error} to the uncaught-exception handler; a handler that throws is printed, never rethrown. */
    void reportUncaught(Throwable error) {
        Predicate<Throwable> program = processListeners;
        // An error thrown by the program's own error listener is not offered to it again (node: it is fatal).
        if (program != null && !inProcessListeners) {
            inProcessListeners = true;
            try {
                if (program.test(error)) {
                    return;
                }
            } finally {
                inProcessListeners = false;
            }
        }
        try {
            uncaughtHandler.accept(error);
        } catch (Throwable handlerFailure) {
            handlerFailure.addSuppressed(error);
            handlerFailure.printStackTrace();
        }
    }

    /** Queues {@code callback} to run when the current top-level callback returns (node's nextTick queue). */
    void nextTick(Runnable callback) {
        ticks.add(callback);
    }

    boolean hasTicks() {
        return !ticks.isEmpty();
    }

    int tickCount() {
        return ticks.size();
    }

    /** Remembers a failed promise, reported when the ticks have drained if no failure callback was attached. */
    void trackRejection(LoopPromise<?> promise) {
        rejections.add(promise);
    }

    /** Drains what callbacks outside user code (Netty's tasks, the loop's own phases) left queued. */
    void drainTicksAtTopLevel() {
        if (!ticks.isEmpty() || !rejections.isEmpty()) {
            enter();
            exit();
        }
    }

    private void drainTicks() {
        while (true) {
            Runnable r;
            while ((r = ticks.poll()) != null) {
                runGuarded(r);
            }
            if (rejections.isEmpty()) {
                return;
            }
            List<LoopPromise<?>> failed = new ArrayList<>(rejections);
            rejections.clear();
            for (LoopPromise<?> p : failed) {
                Throwable error = p.error();
                if (p.isUnhandledFailure() && error != null) {
                    reportUncaught(new StardustException("ERR_UNHANDLED_REJECTION",
                            "a promise failed and no failure callback was attached: " + error, error));
                }
            }
        }
    }
}
