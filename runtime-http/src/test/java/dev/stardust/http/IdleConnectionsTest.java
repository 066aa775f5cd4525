package dev.stardust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Timer;
import dev.stardust.Timers;
import dev.stardust.testing.IdleClients;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ten thousand idle connections (fewer when the descriptor limit does not allow them: the count used is printed),
 * held by a child JVM: while they are open another client is served with bounded latency and the heap grows by a
 * bounded amount per connection, and once their holder is gone the server's connection count returns to 0. Then a
 * thousand idle connections against a short headers timeout (counted from the accept): it closes every one.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IdleConnectionsTest {
    private static final int WANTED = 10_000;
    private static final String TRANSPORT = dev.stardust.testing.LoopTester.transports().findFirst().orElseThrow();

    @Test
    void tenThousandIdleConnectionsDoNotStopServiceAndClosingThemLeavesNone() throws Exception {
        int count = IdleClients.maxCount(WANTED);
        System.out.println("IdleConnectionsTest: " + count + " idle connections (wanted " + WANTED + ")");
        assertTrue(count >= 1_000, "the descriptor limit allows only " + count + " connections");
        // A headers timeout longer than the test: here the connections stay until their peer goes.
        HttpServerOptions options = HttpServerOptions.defaults().withHeadersTimeout(Duration.ofMinutes(5));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (HttpTestServer f = HttpTestServer.start(TRANSPORT, options, (req, res) -> res.end("ok"))) {
            long heapBefore = heapAfterGc();
            long start = System.nanoTime();
            try (IdleClients idle = IdleClients.start(f.port, count)) {
                assertEquals("connected " + count, idle.awaitLine("connected", 90));
                long connectedMs = (System.nanoTime() - start) / 1_000_000;
                awaitConnections(f, c -> c >= count, "all accepted");
                long heapWith = heapAfterGc();
                // Another client, on fresh connections, while they are all open.
                long worst = 0;
                for (int i = 0; i < 20; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(f.url("/" + i)))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals("ok", r.body());
                    worst = Math.max(worst, (System.nanoTime() - t0) / 1_000_000);
                }
                long perConnection = Math.max(0, heapWith - heapBefore) / count;
                System.out.println("IdleConnectionsTest: connected in " + connectedMs + " ms; worst latency of 20 "
                        + "requests meanwhile " + worst + " ms; heap " + (heapWith - heapBefore) / 1024 + " KB more, "
                        + perConnection + " B per idle connection");
                assertTrue(worst < 5_000, "another client waited up to " + worst + " ms");
                assertTrue(perConnection < 16 * 1024, perConnection + " B of heap per idle connection");
            }
            // The holder is gone: every connection is closed and forgotten.
            awaitConnections(f, c -> c == 0, "all closed after their peer went");
        }
    }

    @Test
    void theHeadersTimeoutClosesAThousandIdleConnections() throws Exception {
        int count = IdleClients.maxCount(1_000);
        Duration timeout = Duration.ofSeconds(2);
        HttpServerOptions options = HttpServerOptions.defaults().withHeadersTimeout(timeout)
                .withConnectionsCheckingInterval(Duration.ofMillis(100));
        try (HttpTestServer f = HttpTestServer.start(TRANSPORT, options, (req, res) -> res.end("ok"));
                IdleClients idle = IdleClients.start(f.port, count)) {
            long start = System.nanoTime();
            assertEquals("connected " + count, idle.awaitLine("connected", 60));
            assertEquals("closed " + count, idle.awaitLine("closed " + count, 60));
            long closedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(closedMs >= timeout.toMillis() - 200, "all closed after " + closedMs + " ms");
            awaitConnections(f, c -> c == 0, "all closed by the timeout");
        }
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Waits, checking on the loop every 50 ms, until the server's connection count satisfies {@code done}. */
    private static void awaitConnections(HttpTestServer f, java.util.function.IntPredicate done, String what)
            throws Exception {
        CompletableFuture<Void> reached = new CompletableFuture<>();
        f.tester.execute(() -> {
            Timer[] poll = new Timer[1];
            poll[0] = Timers.setInterval(() -> {
                if (done.test(f.server.connections())) {
                    poll[0].close();
                    reached.complete(null);
                }
            }, 50);
        });
        try {
            reached.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(what + ": the server has " + f.tester.call(f.server::connections)
                    + " connections", e);
        }
    }
}
