package dev.stardust.http;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.Timer;
import dev.stardust.Timers;
import dev.stardust.testing.FaultProxy;
import dev.stardust.testing.FaultProxy.Action;
import dev.stardust.testing.FaultProxy.Direction;
import dev.stardust.testing.FaultProxy.Fault;
import dev.stardust.testing.LoopTester;
import dev.stardust.testing.TestCerts;
import dev.stardust.tls.TlsOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Stardust client and a Stardust server (HTTP and HTTPS) with a {@link FaultProxy} between them that resets or
 * cuts the connection at every point of an exchange: at connect, inside the request line, the head and the body,
 * inside the status line, the response head and its body, and inside the TLS handshake records. Each side must
 * report the fault once with node's codes ({@code ECONNRESET} "socket hang up" / "aborted", or the TLS
 * disconnection), close every handle (the server's connection count returns to 0, the loop ends empty), leak no
 * buffer (paranoid detection, checked after the class) and go on serving another client.
 */
class PeerResetTest {
    private static final int REQUEST_BODY = 4_000;
    private static final int RESPONSE_BODY = 64_000;
    // "connect ECONNRESET": a reset at once after the accept can beat the loop to the connect's completion, whose
    // socket error is then the reset (node's connect ECONNRESET, as libuv reads SO_ERROR).
    private static final Set<String> BEFORE_RESPONSE = Set.of("socket hang up", "read ECONNRESET", "connect ECONNRESET",
            "write ECONNRESET", "write EPIPE",
            "Client network socket disconnected before secure TLS connection was established");

    private static HttpTestServer plain;
    private static HttpTestServer secure;
    private static final List<String> serverEvents = new CopyOnWriteArrayList<>();
    private static TlsOptions clientTls;

    @BeforeAll
    static void servers() {
        String transport = LoopTester.transports().findFirst().orElseThrow();
        plain = HttpTestServer.start(transport, PeerResetTest::handle);
        TlsOptions serverTls = TlsOptions.defaults().withCert(TestCerts.file("server.crt"))
                .withKey(TestCerts.file("server.key"));
        secure = HttpTestServer.startHttps(transport, serverTls, HttpServerOptions.defaults(), PeerResetTest::handle);
        clientTls = TlsOptions.defaults().withCa(TestCerts.file("ca.crt"));
    }

    @AfterAll
    static void close() {
        try {
            plain.close();
        } finally {
            secure.close();
        }
    }

    /** Reads the whole upload, then answers a body large enough to be cut in the middle. */
    private static void handle(IncomingMessage req, ServerResponse res) {
        long[] got = {0};
        req.onData(b -> got[0] += b.length());
        req.onError(e -> serverEvents.add("request error " + ((StardustException) e).code()));
        req.onEnd(() -> res.end(Buffer.alloc(RESPONSE_BODY)));
    }

    static Stream<Arguments> points() {
        List<Arguments> all = new ArrayList<>();
        for (Action action : new Action[] {Action.RESET, Action.CUT}) {
            for (long up : new long[] {0, 10, 60, 2_000}) { // connect, request line, head, body
                all.add(Arguments.of(new Fault(Direction.UP, up, action)));
            }
            for (long down : new long[] {5, 40, 10_000}) { // status line, response head, response body
                all.add(Arguments.of(new Fault(Direction.DOWN, down, action)));
            }
        }
        return all.stream();
    }

    static Stream<Arguments> tlsPoints() {
        List<Arguments> all = new ArrayList<>();
        for (Action action : new Action[] {Action.RESET, Action.CUT}) {
            // Inside the ClientHello's record header and body, and far into the encrypted upload.
            for (long up : new long[] {3, 100, 3_000}) {
                all.add(Arguments.of(new Fault(Direction.UP, up, action)));
            }
            // Inside the ServerHello, inside the server's encrypted flight, and far into the response body (past its
            // first records of 16 KB: a client decrypts nothing of a record cut short).
            for (long down : new long[] {100, 1_200, 45_000}) {
                all.add(Arguments.of(new Fault(Direction.DOWN, down, action)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("points")
    void aFaultAnywhereInAnHttpExchangeIsOneNodeErrorAndLeavesNothingOpen(Fault fault) throws Exception {
        exchangeThrough(plain, fault, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tlsPoints")
    void aFaultAnywhereInAnHttpsExchangeIsOneNodeErrorAndLeavesNothingOpen(Fault fault) throws Exception {
        exchangeThrough(secure, fault, true);
    }

    @Test
    void aStalledPeerIsEndedByTheClientsTimeoutAndTheServersRequestTimeout() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(plain.port, new Fault(Direction.UP, 60, Action.STALL))) {
            Result r = fetch(plain, proxy.port(), false, java.time.Duration.ofMillis(300));
            assertEquals("error ECONNRESET socket hang up", r.outcome, r.toString());
            assertEquals(1, r.errors, r.toString());
            assertTrue(r.timeouts == 1, r.toString());
        }
        awaitNoConnections(plain);
        assertServesOthers(plain, false);
    }

    private static void exchangeThrough(HttpTestServer server, Fault fault, boolean tls) throws Exception {
        try (FaultProxy proxy = FaultProxy.start(server.port, fault)) {
            Result r = fetch(server, proxy.port(), tls, null);
            System.out.println((tls ? "https " : "http ") + fault + ": " + r);
            assertTrue(proxy.awaitFault(1, 10_000), "the fault fired: " + r);
            assertEquals(1, r.errors, "one error, reported once: " + r);
            String[] parts = r.outcome.split(" ", 3);
            assertEquals("ECONNRESET".equals(parts[1]) || "EPIPE".equals(parts[1]), true, r.toString());
            if (fault.action() == Action.CUT && tls && fault.afterBytes() <= 100) {
                assertEquals("error ECONNRESET Client network socket disconnected before secure TLS connection was "
                        + "established", r.outcome, r.toString());
            } else if (r.status == 0) {
                assertTrue(parts[0].equals("error") && BEFORE_RESPONSE.stream().anyMatch(parts[2]::startsWith),
                        r.toString());
            } else {
                // Once the head came, the request is fine and its response is aborted, as node reports it. (A reset
                // may reach the client before bytes relayed ahead of it, which the kernel then discards: the error
                // may come before the head, above.)
                assertEquals("response-error ECONNRESET aborted", r.outcome, r.toString());
                assertTrue(r.bodyBytes < RESPONSE_BODY, r.toString());
            }
        }
        awaitNoConnections(server);
        assertServesOthers(server, tls);
    }

    /** What one request through the proxy gave: its outcome, how many errors, the status and body seen. */
    private record Result(String outcome, int errors, int status, long bodyBytes, int timeouts) {
    }

    private static Result fetch(HttpTestServer f, int port, boolean tls, java.time.Duration timeout)
            throws Exception {
        CompletableFuture<Result> result = new CompletableFuture<>();
        f.tester.execute(() -> {
            AtomicInteger errors = new AtomicInteger();
            AtomicInteger timeouts = new AtomicInteger();
            int[] status = {0};
            long[] body = {0};
            RequestOptions options = (tls ? Https.options("https://localhost:" + port + "/upload")
                    : RequestOptions.of("http://127.0.0.1:" + port + "/upload")).withMethod("POST").withHeader("Content-Length", String.valueOf(REQUEST_BODY))
                    .withoutAgent();
            java.util.function.Consumer<IncomingMessage> onResponse = res -> {
                status[0] = res.statusCode();
                res.onData(b -> body[0] += b.length());
                res.onEnd(() -> result.complete(new Result("ok", errors.get(), status[0], body[0], timeouts.get())));
                res.onError(e -> {
                    errors.incrementAndGet();
                    StardustException se = (StardustException) e;
                    result.complete(new Result("response-error " + se.code() + " " + message(se), errors.get(),
                            status[0], body[0], timeouts.get()));
                });
            };
            ClientRequest req = tls ? Https.request(options, clientTls, onResponse)
                    : Http.request(options, onResponse);
            if (timeout != null) {
                req.setTimeout(timeout.toMillis());
                req.onTimeout(() -> {
                    timeouts.incrementAndGet();
                    req.destroy();
                });
            }
            req.on("error", (Throwable e) -> {
                errors.incrementAndGet();
                StardustException se = (StardustException) e;
                result.complete(new Result("error " + se.code() + " " + message(se), errors.get(), status[0],
                        body[0], timeouts.get()));
            });
            req.end(Buffer.alloc(REQUEST_BODY));
        });
        Result first = result.get(5, SECONDS);
        // Let a second report, which must not come, arrive before the count is trusted: one more loop turn after
        // the proxy's sockets are gone.
        f.tester.call(() -> null);
        return first;
    }

    /** The message without the code node puts in front of it ({@code ECONNRESET: socket hang up}). */
    private static String message(StardustException e) {
        String m = e.getMessage();
        return m.startsWith(e.code() + ": ") ? m.substring(e.code().length() + 2) : m;
    }

    private static void awaitNoConnections(HttpTestServer f) throws Exception {
        // Checked by the loop itself every 10 ms: the server drops a connection once its close went through.
        CompletableFuture<Void> none = new CompletableFuture<>();
        f.tester.execute(() -> {
            Timer[] poll = new Timer[1];
            poll[0] = Timers.setInterval(() -> {
                if (f.server.connections() == 0) {
                    poll[0].close();
                    none.complete(null);
                }
            }, 10);
        });
        try {
            none.get(10, SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the server still has " + f.tester.call(f.server::connections)
                    + " connections of the faulted exchange; events " + serverEvents, e);
        }
    }

    private static void assertServesOthers(HttpTestServer f, boolean tls) throws Exception {
        Result r = fetch(f, f.port, tls, null);
        assertEquals(new Result("ok", 0, 200, RESPONSE_BODY, 0), r);
    }
}
