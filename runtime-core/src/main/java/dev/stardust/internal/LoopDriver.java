package dev.stardust.internal;

import io.netty.channel.ManualIoEventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The loop thread's run, node's phases in order: each turn runs the due timers, then polls for I/O (blocking until
 * the next timer when nothing else is pending) and runs the tasks handed in from other threads, then runs the
 * immediates queued before the turn's check phase. When nothing keeps the loop alive it runs the
 * {@code beforeExit} hooks (which may bring it back to life) and the {@code exit} hooks, then releases what the
 * loop holds. Loop thread only.
 */
final class LoopDriver {
    private final RealLoop loop;
    private final ManualIoEventLoop io;
    private final CallbackRunner callbacks;
    private final List<Runnable> beforeExitHooks = new ArrayList<>();
    private final List<Runnable> exitHooks = new ArrayList<>();

    LoopDriver(RealLoop loop, ManualIoEventLoop io) {
        this.loop = loop;
        this.io = io;
        this.callbacks = loop.callbacks;
    }

    void onBeforeExit(Runnable hook) {
        beforeExitHooks.add(hook);
    }

    void onExit(Runnable hook) {
        exitHooks.add(hook);
    }

    /** Runs {@code main}, if any, then turns until the loop is empty or forced closed, then releases it. */
    void run(@Nullable Runnable main) {
        if (callbacks.blockedThresholdNanos > 0) {
            BlockedLoopChecker.watch(loop);
        }
        try {
            if (main != null) {
                callbacks.invoke(main);
            }
            while (true) {
                loop.timers.runDue();
                if (!isAlive()) {
                    // Netty may still hold tasks (close notifications) that run callbacks and change liveness.
                    int ran = io.runNow();
                    callbacks.drainTicksAtTopLevel();
                    if (ran > 0 || isAlive()) {
                        continue;
                    }
                    // node's 'beforeExit': its listeners may schedule more work, and the loop goes on.
                    if (!loop.closeSequence.forced() && !beforeExitHooks.isEmpty()) {
                        for (Runnable hook : new ArrayList<>(beforeExitHooks)) {
                            callbacks.invoke(hook);
                        }
                        if (isAlive()) {
                            continue;
                        }
                    }
                    for (Runnable hook : new ArrayList<>(exitHooks)) {
                        callbacks.invoke(hook);
                    }
                    break;
                }
                io.run(pollTimeoutNanos());
                callbacks.drainTicksAtTopLevel();
                loop.immediates.run();
            }
        } finally {
            release();
        }
    }

    private boolean isAlive() {
        return !loop.closeSequence.forced()
                && (loop.handles.holdLoop() || callbacks.hasTicks() || loop.tasks.pending() > 0);
    }

    /** How long the poll may block: not at all with work queued, else until the next timer (0: no limit). */
    private long pollTimeoutNanos() {
        if (callbacks.hasTicks() || !loop.immediates.isEmpty()) {
            return -1;
        }
        RealTimer next = loop.timers.next();
        if (next == null) {
            return 0;
        }
        long delay = next.deadline - System.nanoTime();
        return delay <= 0 ? -1 : delay;
    }

    /** Releases what the loop holds once it has stopped turning. */
    private void release() {
        loop.closeSequence.markTerminated();
        BlockedLoopChecker.unwatch(loop);
        loop.blockingWork.shutdown();
        // Removes the resolver group's listener from io's termination future before io terminates: see
        // RealLoop.addressResolvers.
        loop.closeAddressResolvers();
        io.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        for (int i = 0; i < 10_000 && !io.isTerminated(); i++) {
            io.run(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
