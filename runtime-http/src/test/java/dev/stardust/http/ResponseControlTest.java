package dev.stardust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * node's per-response controls: {@code setTimeout} (with a listener, {@code timeout}; without, the connection
 * destroyed), {@code flushHeaders} (the head leaves before any body), and requests pipelined past
 * {@code maxRequestsPerSocket} answered 503, on every transport.
 */
@org.junit.jupiter.api.Timeout(60)
class ResponseControlTest {
    private static final byte[] GET = "GET / HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void aResponseTimeoutIsReportedToItsListener(String transport) throws Exception {
        try (HttpTestServer f = HttpTestServer.start(transport, (req, res) -> {
            res.setTimeout(100).onTimeout(() -> res.end("timed out"));
        })) {
            String out = f.exchange("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            assertTrue(out.startsWith("HTTP/1.1 200 OK\r\n") && out.endsWith("\r\n\r\ntimed out"), out);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void aResponseTimeoutWithoutListenerDestroysTheConnection(String transport) throws Exception {
        CompletableFuture<Boolean> closed = new CompletableFuture<>();
        try (HttpTestServer f = HttpTestServer.start(transport, (req, res) -> {
            res.setTimeout(100);
            res.onClose(() -> closed.complete(res.writableFinished()));
        })) {
            assertEquals("", f.exchange("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
            assertEquals(false, closed.get(10, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void writesKeepATimedResponseAliveAndItsEndStopsTheTimer(String transport) throws Exception {
        try (HttpTestServer f = HttpTestServer.start(transport, (req, res) -> {
            res.setTimeout(300).onTimeout(() -> res.end("timeout fired"));
            dev.stardust.Timers.setTimeout(() -> res.write("a"), 100);
            dev.stardust.Timers.setTimeout(() -> res.write("b"), 250);
            dev.stardust.Timers.setTimeout(() -> res.end("c"), 400);
        })) {
            String out = f.exchange("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            assertTrue(out.endsWith("1\r\na\r\n1\r\nb\r\n1\r\nc\r\n0\r\n\r\n"), out);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void flushHeadersSendsTheHeadBeforeAnyBody(String transport) throws Exception {
        CompletableFuture<ServerResponse> held = new CompletableFuture<>();
        try (HttpTestServer f = HttpTestServer.start(transport, (req, res) -> {
            res.setHeader("X-Early", "yes");
            res.flushHeaders();
            held.complete(res);
        }); Socket s = f.socket()) {
            s.getOutputStream().write(GET);
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                assertTrue(b >= 0, head.toString());
                head.append((char) b);
            }
            assertTrue(head.toString().contains("X-Early: yes\r\n"), head.toString());
            assertTrue(head.toString().contains("Transfer-Encoding: chunked\r\n"), head.toString());
            ServerResponse res = held.get(10, TimeUnit.SECONDS);
            assertTrue(f.tester.call(res::headersSent));
            f.tester.execute(() -> res.end("body"));
            byte[] rest = in.readNBytes("4\r\nbody\r\n0\r\n\r\n".length());
            assertEquals("4\r\nbody\r\n0\r\n\r\n", new String(rest, StandardCharsets.ISO_8859_1));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void aRequestPipelinedPastTheLimitOfALaterResponseIs503(String transport) throws Exception {
        // The second response ends later than its read batch: the third request waits as bytes meanwhile.
        try (HttpTestServer f = HttpTestServer.start(transport, HttpServerOptions.defaults().withMaxRequestsPerSocket(2),
                (req, res) -> dev.stardust.Timers.setTimeout(() -> res.end(req.path()), 20))) {
            String out = f.exchange("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "GET /3 HTTP/1.1\r\nHost: h\r\n\r\nGET /4 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals(2, out.split("HTTP/1.1 200 OK", -1).length - 1, out);
            assertEquals(1, out.split("HTTP/1.1 503 Service Unavailable", -1).length - 1, out);
            assertTrue(out.indexOf("/2HTTP/1.1 503") > 0, out);
            assertEquals(2, f.handlerCalls.get());
        }
    }
}
