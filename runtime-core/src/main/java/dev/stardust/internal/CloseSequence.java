package dev.stardust.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closing a loop ({@link dev.stardust.Loop#close(Duration)}): first gracefully (the background keep-alive ends and
 * every open handle stops taking new work, so the loop ends once what is in flight finishes), then by force when
 * the deadline passes (handles released, timers and immediates dropped, the loop ends at the next turn). The run
 * state and the termination future are read from any thread; the rest is the loop thread's.
 */
final class CloseSequence {
    private static final int RUNNING = 0;
    private static final int CLOSING = 1;
    private static final int TERMINATED = 2;

    private final RealLoop loop;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private boolean closing;
    private boolean forced;

    CloseSequence(RealLoop loop) {
        this.loop = loop;
    }

    /** Starts closing from any thread; completes when the loop thread has released everything. */
    CompletableFuture<Void> close(Duration deadline) {
        // A later call while closing still counts: its deadline may be shorter (close(ZERO) forces a slow close).
        if (state.compareAndSet(RUNNING, CLOSING) || state.get() == CLOSING) {
            try {
                loop.executeInternal(() -> begin(deadline));
            } catch (RejectedExecutionException alreadyGone) {
                // The loop ended on its own between the state check and now.
            }
        }
        return terminated.copy();
    }

    /** Whether the deadline passed: the loop ends now whatever still holds it. */
    boolean forced() {
        return forced;
    }

    boolean isTerminated() {
        return state.get() == TERMINATED;
    }

    /** The loop has stopped turning: no task is taken from now on. */
    void markTerminated() {
        state.set(TERMINATED);
    }

    /** Everything is released: completes the futures {@link #close} returned. */
    void completeTermination() {
        terminated.complete(null);
    }

    private void begin(Duration deadline) {
        if (!closing) {
            closing = true;
            loop.handles.dropKeepAlive();
            for (LoopHandle handle : loop.handles.openHandles()) {
                loop.runGuarded(handle::closeGracefully);
            }
        }
        long millis = deadline.toMillis();
        if (millis <= 0) {
            force();
        } else {
            loop.setTimer(this::force, Math.min(millis, Integer.MAX_VALUE), false).unref();
        }
    }

    private void force() {
        for (LoopHandle handle : loop.handles.openHandles()) {
            loop.runGuarded(handle::forceClose);
        }
        loop.timers.clear();
        loop.immediates.clear();
        forced = true;
    }
}
