package dev.stardust.dgram;

import dev.stardust.StardustException;

/**
 * How {@link Dgram#createSocket(DgramSocketOptions)} makes a UDP socket, node's {@code dgram.createSocket(options)}:
 * immutable, each {@code withX} returns a copy. With {@link #withReuseAddr reuseAddr} several sockets bind one port,
 * which is how several listeners of one multicast group share its port; with {@link #withReusePort reusePort} the
 * kernel also spreads unicast datagrams over the sockets of one port, one per loop (see {@code dev.stardust.Loops}).
 */
public final class DgramSocketOptions {
    private final boolean ipv6;
    private final boolean reuseAddr;
    private final boolean reusePort;

    private DgramSocketOptions(boolean ipv6, boolean reuseAddr, boolean reusePort) {
        this.ipv6 = ipv6;
        this.reuseAddr = reuseAddr;
        this.reusePort = reusePort;
    }

    /**
     * Options for a socket of {@code type}, {@code "udp4"} or {@code "udp6"}, without address or port reuse (node's
     * {@code {type}}).
     *
     * @throws StardustException {@code ERR_SOCKET_BAD_TYPE} for any other type
     */
    public static DgramSocketOptions type(String type) {
        return switch (type) {
            case "udp4" -> new DgramSocketOptions(false, false, false);
            case "udp6" -> new DgramSocketOptions(true, false, false);
            default -> throw new StardustException("ERR_SOCKET_BAD_TYPE",
                    "socket type must be \"udp4\" or \"udp6\", got \"" + type + "\"");
        };
    }

    /** {@code "udp4"} or {@code "udp6"} (node's {@code type}). */
    public String type() {
        return ipv6 ? "udp6" : "udp4";
    }

    /** Whether {@code SO_REUSEADDR} is set before binding (node's {@code reuseAddr}). */
    public boolean reuseAddr() {
        return reuseAddr;
    }

    /** Options setting {@code SO_REUSEADDR} before binding, so that other sockets may bind the same port too. */
    public DgramSocketOptions withReuseAddr(boolean reuseAddr) {
        return new DgramSocketOptions(ipv6, reuseAddr, reusePort);
    }

    /** Whether {@code SO_REUSEPORT} is set before binding (node's {@code reusePort}). */
    public boolean reusePort() {
        return reusePort;
    }

    /**
     * Options setting {@code SO_REUSEPORT} before binding (node's {@code reusePort}): sockets of one port share its
     * unicast datagrams, spread by the kernel. Where the system has no such option the bind fails with
     * {@code ERR_REUSEPORT_UNSUPPORTED}.
     */
    public DgramSocketOptions withReusePort(boolean reusePort) {
        return new DgramSocketOptions(ipv6, reuseAddr, reusePort);
    }

    @Override
    public String toString() {
        return "DgramSocketOptions[" + type() + (reuseAddr ? ", reuseAddr" : "") + (reusePort ? ", reusePort" : "")
                + "]";
    }
}
