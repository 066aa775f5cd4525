package dev.stardust.net;

import dev.stardust.internal.RealLoop;
import dev.stardust.net.internal.RealServer;
import dev.stardust.net.internal.RealSocket;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * node's {@code net} module: TCP and Unix domain socket servers and clients on the current loop. Everything here
 * must be called on a loop thread.
 */
public final class Net {
    private Net() {
    }

    /** A server that is not listening yet (node's {@code net.createServer()}). */
    public static Server createServer() {
        return new RealServer(RealLoop.current());
    }

    /** A server calling {@code onConnection} for each accepted socket (node's {@code net.createServer(listener)}). */
    public static Server createServer(Consumer<Socket> onConnection) {
        Server server = createServer();
        server.on("connection", onConnection);
        return server;
    }

    /**
     * Connects to {@code port} on {@code host}, resolving the name as {@code dns.lookup} does (node's
     * {@code net.connect(port, host)}). The socket is returned at once; failures arrive as its {@code error} event.
     */
    public static Socket connect(int port, String host) {
        if (port <= 0 || port > 65535) {
            throw new dev.stardust.StardustException("ERR_SOCKET_BAD_PORT", "port must be 1 to 65535, got " + port);
        }
        RealSocket socket = new RealSocket(RealLoop.current());
        socket.connect(host, port);
        return socket;
    }

    /** As {@link #connect(int, String)}, with {@code onConnect} as a {@code connect} listener. */
    public static Socket connect(int port, String host, Runnable onConnect) {
        Socket socket = connect(port, host);
        socket.onConnect(onConnect);
        return socket;
    }

    /** Connects to the Unix domain socket at {@code path} (node's {@code net.connect(path)}); needs epoll or kqueue. */
    public static Socket connect(Path path) {
        RealSocket socket = new RealSocket(RealLoop.current());
        socket.connect(path);
        return socket;
    }

    /** As {@link #connect(Path)}, with {@code onConnect} as a {@code connect} listener. */
    public static Socket connect(Path path, Runnable onConnect) {
        Socket socket = connect(path);
        socket.onConnect(onConnect);
        return socket;
    }
}
