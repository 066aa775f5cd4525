package dev.stardust.internal;

import dev.stardust.Immediate;
import dev.stardust.Promise;

/** A queued {@link dev.stardust.Timers#setImmediate} callback; counted as a handle while pending and referenced. */
final class RealImmediate implements Immediate {
    final RealLoop loop;
    final Runnable callback;
    boolean pending = true;
    private boolean ref = true;

    RealImmediate(RealLoop loop, Runnable callback) {
        this.loop = loop;
        this.callback = callback;
    }

    /** Marks it run or cancelled; returns whether it was still pending. */
    boolean finish() {
        if (!pending) {
            return false;
        }
        pending = false;
        if (ref) {
            loop.removeRef();
        }
        return true;
    }

    @Override
    public Promise<Void> close() {
        loop.checkThread();
        finish();
        return LoopPromise.resolved(loop);
    }

    @Override
    public Immediate ref() {
        loop.checkThread();
        if (!ref) {
            ref = true;
            if (pending) {
                loop.addRef();
            }
        }
        return this;
    }

    @Override
    public Immediate unref() {
        loop.checkThread();
        if (ref) {
            ref = false;
            if (pending) {
                loop.removeRef();
            }
        }
        return this;
    }

    @Override
    public boolean hasRef() {
        return ref;
    }
}
