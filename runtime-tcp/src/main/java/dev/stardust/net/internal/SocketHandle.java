package dev.stardust.net.internal;

import dev.stardust.internal.LoopHandle;
import dev.stardust.internal.RealLoop;
import dev.stardust.net.Socket;

/** The loop's view of a socket: keeps the loop alive from connect (or accept) until close while referenced. */
final class SocketHandle extends LoopHandle {
    private final Socket socket;

    SocketHandle(RealLoop loop, Socket socket) {
        super(loop);
        this.socket = socket;
    }

    void open() {
        opened();
    }

    void close() {
        closed();
    }

    @Override
    protected void forceClose() {
        socket.destroy();
    }

    @Override
    public String toString() {
        return socket.toString();
    }
}
