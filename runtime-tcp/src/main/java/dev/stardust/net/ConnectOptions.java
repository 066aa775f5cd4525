package dev.stardust.net;

import dev.stardust.StardustException;
import dev.stardust.net.internal.Addresses;
import io.netty.util.NetUtil;
import java.time.Duration;

/**
 * Where and how a TCP or TLS socket connects, node's {@code net.connect(options)}: immutable, each {@code withX}
 * returns a copy. The defaults are node's: host {@code localhost}, any family, every address the name resolves to
 * tried in turn with Happy Eyeballs (RFC 8305, node's {@code autoSelectFamily}; a next attempt starts 250 ms after
 * the previous one if that has not connected, the first to connect wins and the others are closed), no connect
 * timeout (the kernel's, about two minutes on Linux), the system resolver.
 *
 * <pre>{@code
 * Socket s = Net.connect(ConnectOptions.defaults().withHost("example.com").withPort(80)
 *         .withTimeout(Duration.ofSeconds(5)));
 * }</pre>
 */
public final class ConnectOptions {
    /** node's default {@code autoSelectFamilyAttemptTimeout}: 250 ms. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofMillis(250);

    private static final ConnectOptions DEFAULTS = new ConnectOptions();

    private int port;
    private String host = "localhost";
    private Duration timeout = Duration.ZERO;
    private String localAddress = "";
    private int localPort;
    private int family;
    private boolean autoSelectFamily = true;
    private Duration attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;
    private Lookup lookup = Lookup.SYSTEM;

    private ConnectOptions() {
    }

    private ConnectOptions(ConnectOptions o) {
        port = o.port;
        host = o.host;
        timeout = o.timeout;
        localAddress = o.localAddress;
        localPort = o.localPort;
        family = o.family;
        autoSelectFamily = o.autoSelectFamily;
        attemptTimeout = o.attemptTimeout;
        lookup = o.lookup;
    }

    /** node's defaults, with no port yet: {@link #withPort} is required before connecting. */
    public static ConnectOptions defaults() {
        return DEFAULTS;
    }

    /** The port to connect to, 0 until set (node's {@code port}). */
    public int port() {
        return port;
    }

    /**
     * Options connecting to {@code port} (node's {@code port}).
     *
     * @throws StardustException {@code ERR_SOCKET_BAD_PORT} unless 1 to 65535
     */
    public ConnectOptions withPort(int port) {
        if (port <= 0 || port > 65535) {
            throw new StardustException("ERR_SOCKET_BAD_PORT", "port must be 1 to 65535, got " + port);
        }
        ConnectOptions c = new ConnectOptions(this);
        c.port = port;
        return c;
    }

    /** The host name or IP address to connect to, {@code localhost} by default (node's {@code host}). */
    public String host() {
        return host;
    }

    /** Options connecting to {@code host}, a name or an IP literal (IPv6 with or without brackets). */
    public ConnectOptions withHost(String host) {
        ConnectOptions c = new ConnectOptions(this);
        c.host = host;
        return c;
    }

    /** The connect timeout, zero for none (the kernel's). */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Options failing the connection with {@code ETIMEDOUT} ({@code connect ETIMEDOUT host:port}) unless it is up
     * within {@code timeout}, the name lookup and every attempt included; zero for the kernel's own. node's
     * {@code timeout} option instead arms {@code socket.setTimeout} and leaves the decision to a {@code timeout}
     * listener; here it bounds the connect only (for an idle timeout afterwards, call {@link Socket#setTimeout}).
     *
     * @throws StardustException {@code ERR_OUT_OF_RANGE} when negative
     */
    public ConnectOptions withTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new StardustException("ERR_OUT_OF_RANGE", "timeout must not be negative, got " + timeout);
        }
        ConnectOptions c = new ConnectOptions(this);
        c.timeout = timeout;
        return c;
    }

    /** The local IP address to connect from, empty for the kernel's choice (node's {@code localAddress}). */
    public String localAddress() {
        return localAddress;
    }

    /**
     * Options binding the socket to the local IP address {@code address} before connecting.
     *
     * @throws StardustException {@code ERR_INVALID_IP_ADDRESS} unless an IP address (or empty)
     */
    public ConnectOptions withLocalAddress(String address) {
        String ip = Addresses.unbracket(address);
        if (!ip.isEmpty() && !NetUtil.isValidIpV4Address(ip) && !NetUtil.isValidIpV6Address(ip)) {
            throw new StardustException("ERR_INVALID_IP_ADDRESS", "localAddress must be an IP address, got " + address);
        }
        ConnectOptions c = new ConnectOptions(this);
        c.localAddress = address;
        return c;
    }

    /** The local port to connect from, 0 for the kernel's choice (node's {@code localPort}). */
    public int localPort() {
        return localPort;
    }

    /**
     * Options binding the socket to the local {@code port} before connecting (node's {@code localPort}).
     *
     * @throws StardustException {@code ERR_SOCKET_BAD_PORT} unless 0 to 65535
     */
    public ConnectOptions withLocalPort(int port) {
        if (port < 0 || port > 65535) {
            throw new StardustException("ERR_SOCKET_BAD_PORT", "localPort must be 0 to 65535, got " + port);
        }
        ConnectOptions c = new ConnectOptions(this);
        c.localPort = port;
        return c;
    }

    /** The address family to look up: 4, 6, or 0 for both (node's {@code family}). */
    public int family() {
        return family;
    }

    /**
     * Options connecting over IPv4 only (4), IPv6 only (6) or either (0) (node's {@code family}).
     *
     * @throws StardustException {@code ERR_INVALID_ARG_VALUE} for anything else
     */
    public ConnectOptions withFamily(int family) {
        if (family != 0 && family != 4 && family != 6) {
            throw new StardustException("ERR_INVALID_ARG_VALUE", "family must be 4, 6 or 0, got " + family);
        }
        ConnectOptions c = new ConnectOptions(this);
        c.family = family;
        return c;
    }

    /** Whether every address of the name is tried with Happy Eyeballs, true by default (node's {@code autoSelectFamily}). */
    public boolean autoSelectFamily() {
        return autoSelectFamily;
    }

    /**
     * Options trying every address the name resolves to, IPv6 and IPv4 interleaved (true, node 20's default), or
     * only the first one (false).
     */
    public ConnectOptions withAutoSelectFamily(boolean enabled) {
        ConnectOptions c = new ConnectOptions(this);
        c.autoSelectFamily = enabled;
        return c;
    }

    /** How long an attempt runs alone before the next one starts (node's {@code autoSelectFamilyAttemptTimeout}). */
    public Duration autoSelectFamilyAttemptTimeout() {
        return attemptTimeout;
    }

    /**
     * Options starting the next address's attempt after {@code delay} when the previous one has not connected;
     * node raises anything below 10 ms to 10 ms, and so does this.
     */
    public ConnectOptions withAutoSelectFamilyAttemptTimeout(Duration delay) {
        ConnectOptions c = new ConnectOptions(this);
        c.attemptTimeout = delay.toMillis() < 10 ? Duration.ofMillis(10) : delay;
        return c;
    }

    /** The function that resolves the host name, {@link Lookup#SYSTEM} by default (node's {@code lookup}). */
    public Lookup lookup() {
        return lookup;
    }

    /** Options resolving the host name with {@code lookup} instead of the system resolver (node's {@code lookup}). */
    public ConnectOptions withLookup(Lookup lookup) {
        ConnectOptions c = new ConnectOptions(this);
        c.lookup = lookup;
        return c;
    }

    @Override
    public String toString() {
        return "ConnectOptions[" + host + ":" + port + (family != 0 ? ", family " + family : "")
                + (timeout.isZero() ? "" : ", timeout " + timeout.toMillis() + " ms")
                + (localAddress.isEmpty() && localPort == 0 ? "" : ", from " + localAddress + ":" + localPort)
                + (autoSelectFamily ? "" : ", first address only") + "]";
    }
}
