package dev.stardust.net;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Real peers made of JDK sockets, outside any loop: a greeting server, and a listener that drops every SYN. */
final class JdkPeers {
    private JdkPeers() {
    }

    /** A port nothing listens on right now (the kernel's next ephemeral one, freed again). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Skips the test, saying why, unless an IPv6 loopback socket can be bound here. */
    static void assumeIpv6Loopback() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        } catch (IOException e) {
            assumeTrue(false, "no IPv6 loopback here (binding ::1 failed: " + e + "); IPv6 cases skipped");
        }
    }

    /** A server on {@code host}:{@code port} (0: any) that writes {@code hello from <its address>\n} and closes. */
    static final class Greeter implements AutoCloseable {
        private final ServerSocket server;
        private final Thread acceptor;
        /** The peers' addresses, {@code ip:port}, in the order accepted. */
        final List<String> peers = new CopyOnWriteArrayList<>();

        Greeter(String host, int port) throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            String greeting = "hello from " + host + "\n";
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                        peers.add(s.getInetAddress().getHostAddress() + ":" + s.getPort());
                        out.write(greeting.getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        // Closed: the test is over.
                    }
                }
            }, "greeter " + host);
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            server.close();
            acceptor.join(5_000);
        }
    }

    /**
     * A listener on {@code host}:{@code port} (0: any) that never accepts, its queue filled, so that the kernel drops
     * every further SYN: a connection to it neither succeeds nor fails until the client gives up. The sandbox's
     * outbound network accepts or refuses connections to unroutable and TEST-NET addresses (10.255.255.1 connects,
     * 192.0.2.1 refuses at once), so this is the blackhole that behaves the same everywhere Linux runs.
     */
    static final class Blackhole implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> fillers = new ArrayList<>();

        Blackhole(String host, int port) throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1);
            for (int i = 0; i < 16; i++) {
                Socket s = new Socket();
                try {
                    s.connect(server.getLocalSocketAddress(), 200);
                    fillers.add(s);
                } catch (SocketTimeoutException e) {
                    s.close();
                    return; // the queue is full: SYNs are dropped from now on
                }
            }
            close();
            throw new IllegalStateException("the listen queue of " + host + " never filled up");
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            for (Socket s : fillers) {
                s.close();
            }
            server.close();
        }
    }
}
