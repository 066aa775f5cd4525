package dev.stardust.internal;

import dev.stardust.Promise;
import dev.stardust.Timer;

/** A timeout or interval: a node of the loop's {@link TimerQueue}, counted as a handle while active and referenced. */
final class RealTimer implements Timer {
    final RealLoop loop;
    final Runnable callback;
    final long periodNanos;
    final boolean repeat;
    long deadline;
    long sequence;
    int heapIndex = -1;
    private boolean ref = true;

    RealTimer(RealLoop loop, Runnable callback, long periodNanos, boolean repeat) {
        this.loop = loop;
        this.callback = callback;
        this.periodNanos = periodNanos;
        this.repeat = repeat;
    }

    boolean isQueued() {
        return heapIndex >= 0;
    }

    @Override
    public Promise<Void> close() {
        loop.checkThread();
        loop.timers.cancel(this);
        return LoopPromise.resolved(loop);
    }

    @Override
    public Timer refresh() {
        loop.checkThread();
        loop.timers.cancel(this);
        loop.timers.schedule(this, System.nanoTime() + periodNanos);
        return this;
    }

    @Override
    public boolean isActive() {
        return isQueued();
    }

    @Override
    public Timer ref() {
        loop.checkThread();
        if (!ref) {
            ref = true;
            if (isQueued()) {
                loop.addRef();
            }
        }
        return this;
    }

    @Override
    public Timer unref() {
        loop.checkThread();
        if (ref) {
            ref = false;
            if (isQueued()) {
                loop.removeRef();
            }
        }
        return this;
    }

    @Override
    public boolean hasRef() {
        return ref;
    }

    @Override
    public String toString() {
        return (repeat ? "Interval" : "Timeout") + "[" + periodNanos / 1_000_000 + " ms" + (ref ? "" : ", unref")
                + (isQueued() ? "" : ", inactive") + "]";
    }
}
