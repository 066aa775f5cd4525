package dev.stardust.internal;

import dev.stardust.Immediate;
import java.util.ArrayDeque;

/**
 * node's check phase: the {@link dev.stardust.Timers#setImmediate} callbacks queued before it, run after each
 * turn's poll. A pending referenced immediate counts as a handle keeping the loop alive. Loop thread only.
 */
final class ImmediatePhase {
    private final RealLoop loop;
    private ArrayDeque<RealImmediate> queued = new ArrayDeque<>();
    private ArrayDeque<RealImmediate> running = new ArrayDeque<>();

    ImmediatePhase(RealLoop loop) {
        this.loop = loop;
    }

    Immediate add(Runnable callback) {
        RealImmediate immediate = new RealImmediate(loop, callback);
        queued.add(immediate);
        loop.addRef();
        return immediate;
    }

    boolean isEmpty() {
        return queued.isEmpty();
    }

    int size() {
        return queued.size();
    }

    void run() {
        if (queued.isEmpty()) {
            return;
        }
        // Swap first: an immediate queued by an immediate runs on the next turn, after I/O, as in node.
        ArrayDeque<RealImmediate> batch = queued;
        queued = running;
        running = batch;
        RealImmediate im;
        while ((im = batch.poll()) != null) {
            if (im.finish()) {
                loop.invoke(im.callback);
            }
        }
    }

    /** Drops every queued immediate unrun, when the loop's close deadline passes. */
    void clear() {
        for (RealImmediate im : queued) {
            im.finish();
        }
        queued.clear();
    }
}
