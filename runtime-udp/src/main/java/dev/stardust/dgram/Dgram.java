package dev.stardust.dgram;

import dev.stardust.StardustException;
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
        return new RealDgramSocket(RealLoop.current(), ipv6(type));
    }

    /**
     * A new UDP socket with {@code onMessage} registered for its {@code message} event (node's
     * {@code dgram.createSocket(type, callback)}).
     */
    public static DgramSocket createSocket(String type, Consumer<Datagram> onMessage) {
        DgramSocket socket = createSocket(type);
        socket.on("message", onMessage);
        return socket;
    }

    private static boolean ipv6(String type) {
        return switch (type) {
            case "udp4" -> false;
            case "udp6" -> true;
            default -> throw new StardustException("ERR_SOCKET_BAD_TYPE",
                    "socket type must be \"udp4\" or \"udp6\", got \"" + type + "\"");
        };
    }
}
