package dev.stardust.net;

import dev.stardust.StardustException;

/**
 * Where and how a {@link Server} listens, node's {@code server.listen(options)}: immutable, each {@code withX}
 * returns a copy. The defaults are node's: every interface, any free port, a backlog of 511, no {@code SO_REUSEPORT}.
 * With {@link #withReusePort(boolean) reusePort}, servers on several loops (or processes) listen on one port and the
 * kernel spreads the connections over them (see {@code dev.stardust.Loops}).
 */
public final class ListenOptions {
    private static final ListenOptions DEFAULTS = new ListenOptions(0, "", Server.DEFAULT_BACKLOG, false);

    private final int port;
    private final String host;
    private final int backlog;
    private final boolean reusePort;

    private ListenOptions(int port, String host, int backlog, boolean reusePort) {
        this.port = port;
        this.host = host;
        this.backlog = backlog;
        this.reusePort = reusePort;
    }

    /** Every interface, port 0 (any free one), backlog 511, no {@code SO_REUSEPORT}. */
    public static ListenOptions defaults() {
        return DEFAULTS;
    }

    /** The port, 0 for any free one (node's {@code port}). */
    public int port() {
        return port;
    }

    /**
     * Options listening on {@code port}, 0 for any free one (node's {@code port}).
     *
     * @throws StardustException {@code ERR_SOCKET_BAD_PORT} unless 0 to 65535
     */
    public ListenOptions withPort(int port) {
        if (port < 0 || port > 65535) {
            throw new StardustException("ERR_SOCKET_BAD_PORT", "port must be 0 to 65535, got " + port);
        }
        return new ListenOptions(port, host, backlog, reusePort);
    }

    /** The host to listen on, empty for every interface (node's {@code host}). */
    public String host() {
        return host;
    }

    /** Options listening on {@code host}, an IP literal or a name resolved as {@code dns.lookup} does. */
    public ListenOptions withHost(String host) {
        return new ListenOptions(port, host, backlog, reusePort);
    }

    /** The queue of pending connections, 511 by default (node's {@code backlog}). */
    public int backlog() {
        return backlog;
    }

    /**
     * Options with a queue of {@code backlog} pending connections (node's {@code backlog}).
     *
     * @throws StardustException {@code ERR_OUT_OF_RANGE} when negative
     */
    public ListenOptions withBacklog(int backlog) {
        if (backlog < 0) {
            throw new StardustException("ERR_OUT_OF_RANGE", "backlog must not be negative, got " + backlog);
        }
        return new ListenOptions(port, host, backlog, reusePort);
    }

    /** Whether {@code SO_REUSEPORT} is set (node's {@code reusePort}). */
    public boolean reusePort() {
        return reusePort;
    }

    /**
     * Options setting {@code SO_REUSEPORT}, so that several servers bind the same port and the kernel spreads the
     * connections over them (node's {@code reusePort}); needs the epoll or kqueue transport, {@code listen} throws
     * {@code ERR_REUSEPORT_UNSUPPORTED} on NIO.
     */
    public ListenOptions withReusePort(boolean reusePort) {
        return new ListenOptions(port, host, backlog, reusePort);
    }

    @Override
    public String toString() {
        return "ListenOptions[" + (host.isEmpty() ? "::" : host) + ":" + port + ", backlog " + backlog
                + (reusePort ? ", reusePort" : "") + "]";
    }
}
