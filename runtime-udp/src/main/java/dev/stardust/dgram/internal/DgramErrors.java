package dev.stardust.dgram.internal;

import dev.stardust.StardustException;

/** The errors node's dgram reports for a socket used in the wrong state or with a bad argument, with node's codes. */
final class DgramErrors {
    private DgramErrors() {
    }

    /** The socket is not bound (yet or any more): node's {@code ERR_SOCKET_DGRAM_NOT_RUNNING}. */
    static StardustException notRunning() {
        return new StardustException("ERR_SOCKET_DGRAM_NOT_RUNNING", "not running");
    }

    /** The socket has no peer: node's {@code ERR_SOCKET_DGRAM_NOT_CONNECTED}. */
    static StardustException notConnected() {
        return new StardustException("ERR_SOCKET_DGRAM_NOT_CONNECTED", "socket is not connected");
    }

    /** Throws node's {@code ERR_SOCKET_BAD_PORT} unless {@code port} is 1 (or 0 if allowed) to 65535. */
    static void checkPort(int port, boolean zeroAllowed) {
        if (port < (zeroAllowed ? 0 : 1) || port > 65_535) {
            throw new StardustException("ERR_SOCKET_BAD_PORT", "port should be >= " + (zeroAllowed ? 0 : 1)
                    + " and < 65536, got " + port);
        }
    }
}
