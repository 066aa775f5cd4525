package dev.stardust.http;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.LoopOptions;
import dev.stardust.StardustException;
import dev.stardust.testing.LoopTester;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Handles and the loop's life, listen failures, per-socket and per-server limits, and response backpressure. */
class LifecycleAndLimitsTest {

    @Test
    void loopRunReturnsOnceTheServerIsClosedAndTheClientsPooledSocketDoesNotKeepItAlive() {
        List<String> events = new ArrayList<>();
        LoopTester.run(LoopOptions.defaults(), Duration.ofSeconds(20), t -> {
            HttpServer server = Http.createServer((req, res) -> res.end("hi"));
            server.onClose(() -> events.add("server close"));
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                int port = s.address().port();
                Http.get("http://127.0.0.1:" + port + "/", res -> {
                    res.onData(b -> events.add("body " + b));
                    res.onEnd(() -> server.close().onSuccess(v -> events.add("closed")));
                });
            });
        });
        assertEquals(List.of("body hi", "server close", "closed"), events);
    }

    @Test
    void listeningOnAPortInUseFailsThePromiseWithEaddrinuseAndNothingElse() throws Exception {
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> res.end())) {
            List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            CompletableFuture<HttpServer> promise = f.tester.call(() -> {
                HttpServer second = Http.createServer((req, res) -> res.end());
                second.on("error", e -> events.add("error event"));
                second.onClose(() -> events.add("close event"));
                return second.listen(f.port, "127.0.0.1").toCompletableFuture();
            });
            Throwable failure = promise.handle((v, e) -> e).get(10, SECONDS);
            assertEquals("EADDRINUSE", ((StardustException) failure).code());
            assertEquals("EADDRINUSE: listen EADDRINUSE 127.0.0.1:" + f.port, failure.getMessage());
            // The same loop turn order as net.Server: nothing else reports the failure.
            f.tester.call(() -> null);
            assertEquals(List.of(), events);
            assertEquals(List.of(), f.uncaught());
        }
    }

    @Test
    void maxRequestsPerSocketAnswersTheLastAllowedWithConnectionCloseAndAPipelinedNextWith503() throws Exception {
        try (HttpTestServer f = HttpTestServer.start("nio", HttpServerOptions.defaults().withMaxRequestsPerSocket(2),
                (req, res) -> res.end(req.path()))) {
            String out = f.exchange("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "GET /3 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertTrue(out.startsWith("HTTP/1.1 200 OK\r\n") && out.contains("Connection: keep-alive\r\n"), out);
            int second = out.indexOf("HTTP/1.1 200 OK", 1);
            assertTrue(second > 0 && out.substring(second).contains("Connection: close\r\n"), out);
            // node: the request pipelined past the limit is answered 503 with Connection: close, never handled.
            int third = out.indexOf("HTTP/1.1 503 Service Unavailable\r\n");
            assertTrue(third > second && out.substring(second, third).endsWith("\r\n\r\n/2"), out);
            assertTrue(out.substring(third).contains("Connection: close\r\n"), out);
            assertTrue(out.endsWith("\r\n\r\n"), out);
            assertEquals(2, f.handlerCalls.get());
        }
    }

    @Test
    void connectionsOverMaxConnectionsAreAcceptedClosedAndCounted() throws Exception {
        try (HttpTestServer f = HttpTestServer.start("nio", HttpServerOptions.defaults().withMaxConnections(1),
                (req, res) -> res.end("ok"))) {
            try (Socket first = f.socket()) {
                first.getOutputStream().write("GET / HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                byte[] head = new byte[15];
                assertEquals(15, first.getInputStream().readNBytes(head, 0, 15));
                assertEquals("HTTP/1.1 200 OK", new String(head, StandardCharsets.ISO_8859_1));
                try (Socket second = f.socket()) {
                    InputStream in = second.getInputStream();
                    assertEquals("", HttpTestServer.readAll(in));
                }
                assertEquals(1L, (long) f.tester.call(f.server::rejectedConnections));
            }
        }
    }

    @Test
    void aResponseConnectionCloseHeaderFromTheHandlerClosesTheConnection() throws Exception {
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> {
            res.setHeader("Connection", "close");
            res.end("bye");
        })) {
            String out = f.exchange("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertTrue(out.endsWith("\r\n\r\nbye") && out.indexOf("HTTP/1.1", 1) < 0, out);
            assertEquals(1, f.handlerCalls.get());
        }
    }

    @Test
    void aStreamedResponseWaitsForDrainAndArrivesWholeAtASlowReader() throws Exception {
        int chunks = 400;
        CompletableFuture<Integer> falses = new CompletableFuture<>();
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> {
            Buffer chunk = Buffer.alloc(64 * 1024);
            int[] sent = {0};
            int[] refused = {0};
            Runnable pump = () -> {
                while (sent[0] < chunks) {
                    sent[0]++;
                    if (!res.write(chunk)) {
                        refused[0]++;
                        return;
                    }
                }
                res.end();
                falses.complete(refused[0]);
            };
            res.onDrain(pump);
            pump.run();
        })) {
            try (Socket s = f.socket()) {
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                InputStream in = s.getInputStream();
                byte[] buf = new byte[4096];
                long total = 0;
                int n;
                while ((n = in.read(buf)) >= 0) {
                    total += n;
                }
                assertTrue(total > (long) chunks * 64 * 1024, "got " + total);
            }
            assertTrue(falses.get(10, SECONDS) > 0, "write() never returned false");
        }
    }

    @Test
    void aCheckContinueListenerDecidesInsteadOfTheAutomatic100Continue() throws Exception {
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> res.end("plain"))) {
            f.tester.call(() -> f.server.onCheckContinue((req, res) -> {
                if (req.headers().get("x-allowed").isPresent()) {
                    res.writeContinue();
                    req.onData(b -> { });
                    req.onEnd(() -> res.end("continued"));
                } else {
                    res.statusCode(417);
                    res.end();
                }
            }));
            String refused = f.exchange("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nExpect: 100-continue\r\n"
                    + "Connection: close\r\n\r\n");
            assertTrue(refused.startsWith("HTTP/1.1 417 Expectation Failed\r\n"), refused);
            try (Socket s = f.socket()) {
                s.getOutputStream().write(("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nExpect: 100-continue\r\n"
                        + "X-Allowed: yes\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                byte[] interim = s.getInputStream().readNBytes(25);
                assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(interim, StandardCharsets.ISO_8859_1));
                s.getOutputStream().write("body".getBytes(StandardCharsets.ISO_8859_1));
                String rest = HttpTestServer.readAll(s.getInputStream());
                assertTrue(rest.startsWith("HTTP/1.1 200 OK\r\n") && rest.endsWith("continued"), rest);
            }
            assertEquals(0, f.handlerCalls.get());
        }
    }

    @Test
    void anIdlePooledSocketIsEvictedAfterTheAgentsFreeSocketTimeout() throws Exception {
        CompletableFuture<Long> clientClosedAfterMillis = new CompletableFuture<>();
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> res.end());
                java.net.ServerSocket peer = new java.net.ServerSocket(0)) {
            Thread t = new Thread(() -> {
                try (Socket s = peer.accept()) {
                    s.setSoTimeout(10_000);
                    HttpClientTest.readHead(s.getInputStream());
                    s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    long answered = System.nanoTime();
                    int next = s.getInputStream().read();
                    clientClosedAfterMillis.complete(next < 0 ? (System.nanoTime() - answered) / 1_000_000 : -1L);
                } catch (java.io.IOException e) {
                    clientClosedAfterMillis.completeExceptionally(e);
                }
            });
            t.setDaemon(true);
            t.start();
            Agent agent = f.tester.call(() -> Agent.create(4, 4, Duration.ofMillis(300)));
            String url = "http://127.0.0.1:" + peer.getLocalPort() + "/";
            HttpClientTest.Outcome o = HttpClientTest.fetch(f,
                    () -> Http.get(RequestOptions.of(url).withAgent(agent), r -> { })).get(10, SECONDS);
            assertEquals(new HttpClientTest.Outcome(200, "ok", "", 0), o);
            long closedAfter = clientClosedAfterMillis.get(10, SECONDS);
            assertTrue(closedAfter >= 200 && closedAfter < 3000, "the idle socket closed after " + closedAfter + " ms");
            assertEquals(0, (int) f.tester.call(agent::freeSockets));
        }
    }
}
