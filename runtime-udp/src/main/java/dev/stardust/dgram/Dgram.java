package dev.stardust.dgram;

import dev.stardust.dgram.internal.RealDgramSocket;
import dev.stardust.internal.RealLoop;
import java.util.function.Consumer;

/** node's {@code dgram} module: the factory of UDP sockets. Loop thread only. */
public final class Dgram {

    private Dgram() {
    }

    /**
     * A new, unbound UDP socket of {@code type} {@code "udp4"} or {@code "udp6"} (node's
     * {@code dgram.createSocket(type)}).
     */
    public static DgramSocket createSocket(String type) {
        return createSocket(DgramSocketOptions.type(type));
    }

    /**
     * A new UDP socket with {@code onMessage} registered for its {@code message} event (node's
     * {@code dgram.createSocket(type, callback)}).
     */
    public static DgramSocket createSocket(String type, Consumer<Datagram> onMessage) {
        return createSocket(DgramSocketOptions.type(type), onMessage);
    }

    /**
     * A new, unbound UDP socket as {@code options} say: its type, and {@code SO_REUSEADDR} / {@code SO_REUSEPORT}
     * set when it binds (node's {@code dgram.createSocket(options)}).
     */
    public static DgramSocket createSocket(DgramSocketOptions options) {
        return new RealDgramSocket(RealLoop.current(), options);
    }

    /** As {@link #createSocket(DgramSocketOptions)}, with {@code onMessage} as a {@code message} listener. */
    public static DgramSocket createSocket(DgramSocketOptions options, Consumer<Datagram> onMessage) {
        DgramSocket socket = createSocket(options);
        socket.on("message", onMessage);
        return socket;
    }
}
