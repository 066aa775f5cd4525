package dev.stardust.internal;

import dev.stardust.StardustException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One daemon thread for the whole JVM that watches every loop (as Vert.x's blocked-thread checker) and warns,
 * with the loop thread's stack trace, when one callback has held a loop longer than its threshold. Each stalled
 * callback is reported once.
 *
 * <p>A plain thread that parks between checks rather than a {@code ScheduledExecutorService}: the executor's classes
 * (its queue, futures, worker and lock) were a measurable part of what every program loads before its first callback.
 */
final class BlockedLoopChecker {
    private static final BlockedLoopChecker INSTANCE = new BlockedLoopChecker();
    private static final long PERIOD_MILLIS = 50;

    private final CopyOnWriteArrayList<RealLoop> loops = new CopyOnWriteArrayList<>();
    private boolean started;

    static void watch(RealLoop loop) {
        INSTANCE.add(loop);
    }

    static void unwatch(RealLoop loop) {
        INSTANCE.loops.remove(loop);
    }

    private synchronized void add(RealLoop loop) {
        loops.add(loop);
        if (!started) {
            started = true;
            Thread t = new Thread(this::checkForever, "stardust-blocked-loop-checker");
            t.setDaemon(true);
            t.start();
        }
    }

    private void checkForever() {
        long period = TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS);
        while (true) {
            LockSupport.parkNanos(period);
            checkAll();
        }
    }

    private void checkAll() {
        long now = System.nanoTime();
        for (RealLoop loop : loops) {
            check(loop, now);
        }
    }

    private static void check(RealLoop loop, long now) {
        CallbackRunner callbacks = loop.callbacks;
        long started = callbacks.callbackStartedNanos;
        long threshold = callbacks.blockedThresholdNanos;
        if (started == 0 || threshold <= 0 || now - started < threshold || callbacks.lastBlockedReport == started) {
            return;
        }
        callbacks.lastBlockedReport = started;
        Thread thread = loop.thread();
        StardustException warning = new StardustException("ERR_LOOP_BLOCKED", "loop '" + loop.name()
                + "' has been blocked by one callback for " + (now - started) / 1_000_000 + " ms (threshold "
                + threshold / 1_000_000 + " ms); the stack trace is the loop thread's " + thread.getName());
        warning.setStackTrace(thread.getStackTrace());
        try {
            loop.options().blockedLoopHandler().accept(warning);
        } catch (Throwable e) {
            // Anything escaping would end the checker thread, silently, for every loop in the JVM.
            e.printStackTrace();
        }
    }
}
