package dev.stardust.http.internal;

import dev.stardust.internal.LoopHandle;
import dev.stardust.internal.RealLoop;

/** Keeps the loop alive while a client request is in flight, as node's active socket does. */
final class InFlight extends LoopHandle {
    boolean open;

    InFlight(RealLoop loop) {
        super(loop);
    }

    void open() {
        open = true;
        opened();
    }

    void close() {
        open = false;
        closed();
    }

    @Override
    protected void forceClose() {
        close();
    }
}
