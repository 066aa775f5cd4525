package dev.stardust.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that injects one fault into each connection it relays: after a given number of bytes in
 * one direction it resets both sides (a real RST: {@code SO_LINGER 0} then close), cuts both (a clean FIN), or
 * stalls (stops relaying, keeps both open), where {@code tc netem} or firewall rules cannot be had. Each
 * connection is relayed by two plain threads; the bytes up to the fault point are forwarded exactly, so a test
 * can place the fault inside a request line, a header, a body or a TLS handshake record.
 *
 * <p>{@link #faults()} counts connections in which the fault fired; {@link #awaitFault} waits for the next.
 * {@link #close()} stops accepting and closes every relayed connection.
 */
public final class FaultProxy implements AutoCloseable {
    /** Which way the counted bytes travel: from the client to the server, or back. */
    public enum Direction { UP, DOWN }

    /** What happens once the bytes are counted. */
    public enum Action {
        /** Both sides get an RST. */
        RESET,
        /** Both sides get a FIN, nothing more is relayed; the proxy closes its sockets when it is closed. */
        CUT,
        /** Nothing more is relayed in either direction; both sides stay open until {@link #close()}. */
        STALL
    }

    /** The fault: {@code action} once {@code afterBytes} have been relayed in {@code direction}. */
    public record Fault(Direction direction, long afterBytes, Action action) {
        @Override
        public String toString() {
            return action + " after " + afterBytes + " bytes " + direction;
        }
    }

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Fault fault;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger faults = new AtomicInteger();
    private final Object fired = new Object();
    private volatile boolean closed;

    private FaultProxy(int targetPort, Fault fault) throws IOException {
        this.server = new ServerSocket();
        this.server.bind(new InetSocketAddress("127.0.0.1", 0), 128);
        this.target = new InetSocketAddress("127.0.0.1", targetPort);
        this.fault = fault;
        Thread acceptor = new Thread(this::accept, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy to {@code targetPort} on 127.0.0.1 that applies {@code fault} to each connection. */
    public static FaultProxy start(int targetPort, Fault fault) throws IOException {
        return new FaultProxy(targetPort, fault);
    }

    /** The loopback port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** How many connections the fault was applied to so far. */
    public int faults() {
        return faults.get();
    }

    /** Waits until the fault has fired in at least {@code count} connections; false when {@code millis} passed. */
    public boolean awaitFault(int count, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (fired) {
            while (faults.get() < count) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                fired.wait(left);
            }
        }
        return true;
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            sockets.add(client);
            Socket upstream = new Socket();
            sockets.add(upstream);
            try {
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                upstream.connect(target, 5_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            Connection c = new Connection(client, upstream);
            c.pump(client, upstream, Direction.UP);
            c.pump(upstream, client, Direction.DOWN);
        }
    }

    /** One relayed connection: the fault fires at most once, whichever pump reaches it. */
    private final class Connection {
        private final Socket client;
        private final Socket upstream;
        private final CountDownLatch stalled = new CountDownLatch(1);
        private boolean done;

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pump(Socket from, Socket to, Direction direction) {
            Thread t = new Thread(() -> relay(from, to, direction), "fault-proxy-" + direction);
            t.setDaemon(true);
            t.start();
        }

        private void relay(Socket from, Socket to, Direction direction) {
            boolean counted = direction == fault.direction();
            long left = counted ? fault.afterBytes() : Long.MAX_VALUE;
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                if (counted && left == 0) {
                    fire();
                    return;
                }
                int n;
                while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                    if (stalled.getCount() == 0) {
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                    left -= n;
                    if (counted && left == 0) {
                        fire();
                        return;
                    }
                }
                // The source ended before the fault point: pass the end on, as a proxy would.
                to.shutdownOutput();
            } catch (IOException e) {
                // The other pump fired, or a side went away: relay the reset so that neither side hangs.
                if (!isDone()) {
                    abort(from, to, e);
                }
            }
        }

        private synchronized boolean isDone() {
            return done;
        }

        private void fire() throws IOException {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            switch (fault.action()) {
                case RESET -> {
                    reset(client);
                    reset(upstream);
                }
                case CUT -> {
                    // A FIN each way and nothing more relayed. Not close(): closing a socket with unread input
                    // sends an RST, and an RST makes the peer's kernel drop what it has not read yet.
                    stalled.countDown();
                    shutdownQuietly(client);
                    shutdownQuietly(upstream);
                }
                case STALL -> stalled.countDown();
            }
            faults.incrementAndGet();
            synchronized (fired) {
                fired.notifyAll();
            }
        }

        private void abort(Socket from, Socket to, IOException cause) {
            if (cause instanceof SocketException && from.isClosed() && to.isClosed()) {
                return;
            }
            reset(to);
            reset(from);
        }
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException alreadyClosed) {
            // nothing to reset
        }
        closeQuietly(s);
    }

    private static void shutdownQuietly(Socket s) {
        try {
            s.shutdownOutput();
        } catch (IOException alreadyClosed) {
            // nothing to shut down
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }
}
