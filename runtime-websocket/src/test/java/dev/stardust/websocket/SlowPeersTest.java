package dev.stardust.websocket;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.StardustException;
import dev.stardust.http.Http;
import dev.stardust.http.HttpServer;
import dev.stardust.http.HttpServerOptions;
import dev.stardust.testing.LoopTester;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Slow and hostile peers against the WebSocket server: an upgrade request dripped one byte every 50 ms is answered
 * 408 by the HTTP server's headers timeout and never becomes a connection; a frame that stops half-way is ended by
 * the idle timeout (a ping nobody answers, then {@code ETIMEDOUT}, close 1006). A peer that never reads is
 * {@code RawFramesTest}'s; a TLS handshake that never completes is the HTTPS server's ({@code SlowPeersTest} there).
 */
@org.junit.jupiter.api.Timeout(60)
class SlowPeersTest {
    private static final String UPGRADE = "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

    private final List<String> log = new CopyOnWriteArrayList<>();

    private static String readUntilClosed(Socket s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (SocketException reset) {
            // a reset ends it too
        }
        return out.toString(US_ASCII);
    }

    @Test
    void aDrippedUpgradeGets408AndNeverBecomesAConnection() throws Exception {
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        try (LoopTester t = LoopTester.start()) {
            HttpServer http = t.call(() -> Http.createServer(HttpServerOptions.defaults()
                    .withHeadersTimeout(Duration.ofMillis(300)).withConnectionsCheckingInterval(Duration.ofMillis(20)),
                    (req, res) -> res.end()));
            t.call(() -> WebSocketServer.attach(http).onConnection(ws -> log.add("connection")));
            int port = t.await(() -> http.listen(0, "127.0.0.1")).address().port();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                s.setSoTimeout(20_000);
                s.setTcpNoDelay(true);
                byte[] bytes = UPGRADE.getBytes(US_ASCII);
                AtomicInteger sent = new AtomicInteger();
                long start = System.nanoTime();
                ScheduledFuture<?> drip = clock.scheduleAtFixedRate(() -> {
                    try {
                        if (sent.get() < bytes.length) {
                            s.getOutputStream().write(bytes[sent.getAndIncrement()]);
                        }
                    } catch (IOException closed) {
                        throw new IllegalStateException(closed);
                    }
                }, 0, 50, TimeUnit.MILLISECONDS);
                String answer = readUntilClosed(s);
                long ms = (System.nanoTime() - start) / 1_000_000;
                drip.cancel(false);
                assertTrue(answer.startsWith("HTTP/1.1 408 Request Timeout\r\n"), answer);
                assertTrue(ms >= 250 && ms < 10_000, "closed after " + ms + " ms");
                assertTrue(sent.get() < bytes.length, "the upgrade was never complete: " + sent.get() + " bytes");
            } finally {
                clock.shutdownNow();
            }
            assertEquals(List.of(), log);
            t.await(http::close);
        }
    }

    @Test
    void aFrameThatStopsHalfWayIsEndedByTheIdleTimeout() throws Exception {
        CompletableFuture<Long> ended = new CompletableFuture<>();
        try (LoopTester t = LoopTester.start()) {
            HttpServer http = t.call(() -> Http.createServer((req, res) -> res.end()));
            t.call(() -> WebSocketServer.attach(http, WebSocketOptions.defaults().withIdleTimeoutMs(200))
                    .onConnection(ws -> {
                        long opened = System.nanoTime();
                        ws.onMessage(m -> log.add("message"));
                        ws.onError(e -> log.add("error " + ((StardustException) e).code()));
                        ws.onClose(e -> {
                            log.add("close " + e.code());
                            ended.complete((System.nanoTime() - opened) / 1_000_000);
                        });
                    }));
            int port = t.await(() -> http.listen(0, "127.0.0.1")).address().port();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                s.setSoTimeout(20_000);
                s.getOutputStream().write(UPGRADE.getBytes(US_ASCII));
                // A masked text frame announcing 100 bytes, and 10 of them.
                byte[] half = new byte[2 + 4 + 10];
                half[0] = (byte) 0x81;
                half[1] = (byte) (0x80 | 100);
                s.getOutputStream().write(half);
                String rest = readUntilClosed(s);
                assertTrue(rest.startsWith("HTTP/1.1 101"), rest);
            }
            long ms = ended.get(10, TimeUnit.SECONDS);
            assertTrue(ms >= 200 && ms < 10_000, "ended after " + ms + " ms");
            assertEquals(List.of("error ETIMEDOUT", "close 1006"), log);
            t.await(http::close);
        }
    }
}
