package dev.stardust.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stardust.Loops;
import dev.stardust.StardustException;
import dev.stardust.internal.Transport;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code Loops.startEach}: N loops, a server each on one port ({@code SO_REUSEPORT}), the kernel spreading. */
@Timeout(60)
class LoopsTest {
    @Test
    void eachLoopAcceptsConnectionsOnTheSharedPort() throws Exception {
        assumeTrue(Transport.available().get(0) != Transport.NIO, "SO_REUSEPORT needs epoll or kqueue; only nio here");
        int loops = 3;
        int connections = 300;
        int port = JdkPeers.freePort();
        AtomicIntegerArray perLoop = new AtomicIntegerArray(loops);
        Loops cluster = Loops.startEach(loops, i -> Net.createServer(socket -> {
            perLoop.incrementAndGet(i);
            socket.end("loop " + i);
        }).listen(ListenOptions.defaults().withHost("127.0.0.1").withPort(port).withReusePort(true)));
        try {
            assertEquals(loops, cluster.size());
            for (int c = 0; c < connections; c++) {
                try (java.net.Socket s = new java.net.Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                    s.setSoTimeout(5_000);
                    InputStream in = s.getInputStream();
                    assertTrue(new String(in.readAllBytes()).startsWith("loop "));
                }
            }
        } finally {
            cluster.close().get(20, TimeUnit.SECONDS);
        }
        int[] counts = new int[loops];
        for (int i = 0; i < loops; i++) {
            counts[i] = perLoop.get(i);
        }
        assertEquals(connections, Arrays.stream(counts).sum(), "per loop " + Arrays.toString(counts));
        // The kernel hashes each connection's source port to a listener: with 300 connections a loop left without
        // one would mean the port is not shared (the odds of chance are below 1e-50).
        assertTrue(Arrays.stream(counts).allMatch(n -> n > 0), "per loop " + Arrays.toString(counts));
    }

    @Test
    void aSetupThatFailsClosesEveryLoopAndThrowsItsError() throws Exception {
        int port = JdkPeers.freePort();
        // Without reusePort the second loop's listen fails: startEach closes both loops and throws that error.
        StardustException e = assertThrows(StardustException.class, () -> Loops.startEach(2,
                i -> Net.createServer().listen(ListenOptions.defaults().withHost("127.0.0.1").withPort(port))));
        assertEquals("EADDRINUSE", e.code());
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", port)); // the first loop's server is gone with its loop
        }
    }
}
