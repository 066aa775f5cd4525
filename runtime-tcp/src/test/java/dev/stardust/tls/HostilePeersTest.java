package dev.stardust.tls;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.Timer;
import dev.stardust.Timers;
import dev.stardust.net.Net;
import dev.stardust.net.Server;
import dev.stardust.net.Socket;
import dev.stardust.testing.FaultProxy;
import dev.stardust.testing.LoopTester;
import dev.stardust.testing.TestCerts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Slow and hostile peers against the TCP and the TLS net servers: handshakes that never complete (the handshake
 * timeout fails them with {@code ERR_TLS_HANDSHAKE_TIMEOUT} as {@code tlsClientError} and closes them), a server
 * that hangs up or resets inside its ServerHello (through a {@link FaultProxy}: the client fails once with node's
 * code), a peer dripping one byte every 50 ms (the idle timeout waits for the drip to stop, as
 * node's does, then fires), and a TLS peer that never reads (writes say stop, nothing piles up). Raw JDK sockets on
 * the test thread; the drip is clocked by a scheduled executor.
 */
@Timeout(60)
class HostilePeersTest {
    private static ScheduledExecutorService clock;

    @BeforeAll
    static void warmUp() throws Exception {
        TestCerts.dir();
        dev.stardust.tls.internal.Contexts.client(TlsTest.trustingTestCa());
        // The server's context too: built on the loop, a cold one blocks it for seconds on a busy machine, and
        // handshake timers would then fire for the wrong reason.
        dev.stardust.tls.internal.Contexts.server(TlsTest.serverOptions("server"));
        clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "drip-clock");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopClock() {
        clock.shutdownNow();
    }

    private static java.net.Socket raw(int port) throws IOException {
        java.net.Socket s = new java.net.Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(20_000);
        return s;
    }

    /** Reads until the peer closes (or resets); returns what came. */
    private static String readUntilClosed(java.net.Socket s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        InputStream in = s.getInputStream();
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (SocketException reset) {
            // a reset ends it too
        }
        return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void handshakesThatNeverCompleteFailWithTheHandshakeTimeoutAndLeaveNothingOpen() throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        try (LoopTester t = LoopTester.start()) {
            Server server = t.call(() -> {
                Server s = Tls.createServer(TlsTest.serverOptions("server").withHandshakeTimeoutMs(1_500),
                        socket -> errors.add("secure connection"));
                s.on("tlsClientError", (Throwable e) -> errors.add(((StardustException) e).code()));
                return s;
            });
            t.await(() -> server.listen(0, "127.0.0.1"));
            int port = t.call(() -> server.address().port());
            try (java.net.Socket silent = raw(port); java.net.Socket partial = raw(port)) {
                long start = System.nanoTime();
                // Nothing at all, and a ClientHello's record header with one byte of its body.
                partial.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
                for (java.net.Socket s : new java.net.Socket[] {silent, partial}) {
                    assertEquals("", readUntilClosed(s));
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    assertTrue(ms >= 1_400 && ms < 15_000, "closed after " + ms + " ms");
                }
            }
            assertEquals(List.of("ERR_TLS_HANDSHAKE_TIMEOUT", "ERR_TLS_HANDSHAKE_TIMEOUT"), errors);
            assertEquals(0, (int) t.call(server::connections), "a failed handshake never became a connection");
            t.await(server::close);
        }
    }

    @ParameterizedTest
    @EnumSource(value = FaultProxy.Action.class, names = {"RESET", "CUT"})
    void aServerThatHangsUpMidHandshakeFailsTheClientOnceWithNodesCode(FaultProxy.Action action) throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (LoopTester t = LoopTester.start()) {
            Server server = t.call(() -> {
                Server s = Tls.createServer(TlsTest.serverOptions("server"), socket -> socket.onError(e -> { }));
                s.on("tlsClientError", (Throwable e) -> { });
                return s;
            });
            t.await(() -> server.listen(0, "127.0.0.1"));
            int port = t.call(() -> server.address().port());
            // Inside the ServerHello: the client's handshake can never finish.
            try (FaultProxy proxy = FaultProxy.start(port, new FaultProxy.Fault(FaultProxy.Direction.DOWN, 100, action))) {
                CompletableFuture<Void> closed = new CompletableFuture<>();
                t.execute(() -> {
                    Socket c = Tls.connect(proxy.port(), "localhost", TlsTest.trustingTestCa());
                    c.on("secureConnect", (Object none) -> events.add("secureConnect"));
                    c.onError(e -> events.add("error " + ((StardustException) e).code() + " " + e.getMessage()));
                    c.onClose(() -> closed.complete(null));
                });
                closed.get(20, SECONDS);
                t.call(() -> null);
            }
            assertEquals(1, events.size(), events.toString());
            String expected = action == FaultProxy.Action.CUT
                    ? "error ECONNRESET ECONNRESET: Client network socket disconnected before secure TLS connection "
                            + "was established"
                    : "error ECONNRESET ECONNRESET: read ECONNRESET";
            assertTrue(events.get(0).startsWith(expected), events.toString());
            t.await(server::close);
        }
    }

    @Test
    void aDripKeepsTheIdleTimeoutAwayAndOnceItStopsTheTimeoutFires() throws Exception {
        CompletableFuture<Long> timedOutAt = new CompletableFuture<>();
        AtomicLong received = new AtomicLong();
        try (LoopTester t = LoopTester.start()) {
            Server server = t.call(() -> Net.createServer(socket -> {
                socket.setTimeout(300);
                socket.onData(d -> received.addAndGet(d.length()));
                socket.onTimeout(() -> {
                    timedOutAt.complete(System.nanoTime());
                    socket.destroy();
                });
            }));
            t.await(() -> server.listen(0, "127.0.0.1"));
            int port = t.call(() -> server.address().port());
            try (java.net.Socket s = raw(port)) {
                s.setTcpNoDelay(true);
                int drops = 20;
                long[] lastByteAt = {0};
                CompletableFuture<Void> dripped = new CompletableFuture<>();
                ScheduledFuture<?>[] drip = new ScheduledFuture<?>[1];
                drip[0] = clock.scheduleAtFixedRate(() -> {
                    try {
                        s.getOutputStream().write('x');
                        lastByteAt[0] = System.nanoTime();
                        if (received.get() + 1 >= drops && lastByteAt[0] != 0 && dripped.complete(null)) {
                            drip[0].cancel(false);
                        }
                    } catch (IOException e) {
                        dripped.completeExceptionally(e);
                        drip[0].cancel(false);
                    }
                }, 0, 50, MILLISECONDS);
                dripped.get(20, SECONDS);
                assertEquals("", readUntilClosed(s));
                long idleMs = (timedOutAt.get(10, SECONDS) - lastByteAt[0]) / 1_000_000;
                assertTrue(!timedOutAt.isCompletedExceptionally() && idleMs >= 250 && idleMs < 10_000,
                        "timeout " + idleMs + " ms after the last byte");
                assertTrue(received.get() >= drops - 1, "the drip was read as it came: " + received.get());
            }
            t.await(server::close);
        }
    }

    @Test
    void aTlsPeerThatNeverReadsStopsTheWriterAndNothingPilesUp() throws Exception {
        AtomicLong written = new AtomicLong();
        AtomicLong lastDrain = new AtomicLong(System.nanoTime());
        CompletableFuture<Long> buffered = new CompletableFuture<>();
        try (LoopTester t = LoopTester.start()) {
            Server server = t.call(() -> Tls.createServer(TlsTest.serverOptions("server"), socket -> {
                socket.onError(e -> { });
                Buffer chunk = Buffer.alloc(64 * 1024);
                Runnable pump = () -> {
                    lastDrain.set(System.nanoTime());
                    while (written.get() < 256L * 1024 * 1024 && socket.write(chunk)) {
                        written.addAndGet(chunk.length());
                    }
                    written.addAndGet(chunk.length());
                };
                socket.onDrain(pump);
                pump.run();
                // Checked on the loop: once no drain came for a second, the writer is stopped for good.
                Timer[] check = new Timer[1];
                check[0] = Timers.setInterval(() -> {
                    if (System.nanoTime() - lastDrain.get() > SECONDS.toNanos(1)) {
                        check[0].close();
                        buffered.complete(socket.writableLength());
                    }
                }, 100);
            }));
            t.await(() -> server.listen(0, "127.0.0.1"));
            int port = t.call(() -> server.address().port());
            try (java.net.Socket plain = new java.net.Socket()) {
                plain.setReceiveBufferSize(16 * 1024);
                plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) trustingSocketFactory()
                        .createSocket(plain, "localhost", port, true);
                s.startHandshake();
                long queued = buffered.get(30, SECONDS);
                // What the kernel's buffers took plus one chunk over the high-water mark, not 256 MB.
                assertTrue(written.get() < 16L * 1024 * 1024, "the writer went on to " + written.get() + " bytes");
                assertTrue(queued <= 256 * 1024, queued + " bytes held by the socket");
            }
            t.call(() -> {
                server.close();
                return null;
            });
        }
    }

    private static javax.net.ssl.SSLSocketFactory trustingSocketFactory() throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = java.nio.file.Files.newInputStream(TestCerts.file("ca.crt"))) {
            trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
