package dev.stardust.net;

import dev.stardust.StardustException;
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
        return connect(ConnectOptions.defaults().withPort(port).withHost(host));
    }

    /**
     * Connects as {@code options} say: every address of the host tried with Happy Eyeballs, a connect timeout, a
     * local address, a family, a lookup function (node's {@code net.connect(options)}). The socket is returned at
     * once; failures arrive as its {@code error} event.
     *
     * @throws StardustException {@code ERR_MISSING_ARGS} when the options have no port
     */
    public static Socket connect(ConnectOptions options) {
        requirePort(options);
        RealSocket socket = new RealSocket(RealLoop.current());
        socket.connect(options);
        return socket;
    }

    /** As {@link #connect(ConnectOptions)}, with {@code onConnect} as a {@code connect} listener. */
    public static Socket connect(ConnectOptions options, Runnable onConnect) {
        Socket socket = connect(options);
        socket.onConnect(onConnect);
        return socket;
    }

    /** Throws node's {@code ERR_MISSING_ARGS} unless {@code options} name a port. */
    private static void requirePort(ConnectOptions options) {
        if (options.port() == 0) {
            throw new StardustException("ERR_MISSING_ARGS", "the \"port\" option must be specified: " + options);
        }
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
