package dev.stardust.dgram.internal;

import dev.stardust.dgram.DgramSocket;
import dev.stardust.internal.LoopHandle;
import dev.stardust.internal.RealLoop;

/** The loop's view of a datagram socket: keeps the loop alive from bind until close while referenced. */
final class DgramHandle extends LoopHandle {
    private final DgramSocket socket;

    DgramHandle(RealLoop loop, DgramSocket socket) {
        super(loop);
        this.socket = socket;
    }

    void open() {
        opened();
    }

    void release() {
        closed();
    }

    @Override
    protected void forceClose() {
        socket.close();
    }
}
