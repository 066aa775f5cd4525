package dev.stardust.http;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.Timers;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The server's behaviour on the wire, run once per available transport, against the JDK client and raw sockets. */
class HttpServerTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();


    private static HttpResponse<String> get(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void helloAnswersTheJdkClientWithNodeLikeHeaders(String transport) throws Exception {
        try (HttpTestServer f = HttpTestServer.start(transport, (req, res) -> {
            res.writeHead(200, Map.of("Content-Type", "text/plain"));
            res.end("Hello world\n");
        })) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = get(f.url("/"));
                assertEquals(200, r.statusCode());
                assertEquals("Hello world\n", r.body());
                assertEquals("12", r.headers().firstValue("content-length").orElseThrow());
                assertEquals("text/plain", r.headers().firstValue("content-type").orElseThrow());
                assertEquals("timeout=5", r.headers().firstValue("keep-alive").orElseThrow());
                assertTrue(r.headers().firstValue("date").orElseThrow().endsWith(" GMT"));
            }
            assertEquals(3, f.handlerCalls.get());
            assertEquals(List.of(), f.uncaught());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void requestExposesMethodUrlPathQueryVersionAndHeaders(String transport) throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        try (HttpTestServer f = HttpTestServer.start(transport, (req, res) -> {
            seen.complete(req.method() + "|" + req.url() + "|" + req.path() + "|" + req.query() + "|"
                    + req.httpVersion() + "|" + req.headers().get("x-multi").orElse("-") + "|"
                    + req.headers().getAll("X-MULTI") + "|" + req.headers().raw().subList(0, 4) + "|"
                    + req.remoteAddress().getAddress().getHostAddress());
            res.end();
        })) {
            String response = f.exchange("PUT /a/b?x=1&y=2 HTTP/1.1\r\nHost: h\r\nX-Multi: one\r\nx-multi: two\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
            assertEquals("PUT|/a/b?x=1&y=2|/a/b|x=1&y=2|1.1|one|[one, two]|[Host, h, X-Multi, one]|127.0.0.1",
                    seen.get(10, SECONDS));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void keepAliveOn11CloseOn10UnlessAskedAndConnectionCloseHonoured(String transport) throws Exception {
        try (HttpTestServer f = HttpTestServer.start(transport, (req, res) -> res.end("ok"))) {
            // Two requests on one 1.1 connection, then Connection: close ends it.
            String two = f.exchange("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            assertEquals(2, count(two, "HTTP/1.1 200 OK"), two);
            assertTrue(two.contains("Connection: keep-alive\r\n"), two);
            assertTrue(two.endsWith("Connection: close\r\nDate: " + dateOf(two) + "\r\n\r\nok")
                    || two.contains("Connection: close\r\n"), two);
            // HTTP/1.0 without keep-alive: closed after one response (exchange returns only because it closed).
            String old = f.exchange("GET / HTTP/1.0\r\n\r\n");
            assertTrue(old.startsWith("HTTP/1.1 200 OK\r\n"), old);
            assertTrue(old.contains("Connection: close\r\n"), old);
            // HTTP/1.0 asking for keep-alive keeps the connection for a second request.
            String kept = f.exchange("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET / HTTP/1.0\r\n\r\n");
            assertEquals(2, count(kept, "HTTP/1.1 200 OK"), kept);
            assertTrue(kept.contains("Connection: keep-alive\r\n"), kept);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void pipelinedRequestsAreAnsweredInOrderEvenWhenHandlersFinishOutOfOrder(String transport) throws Exception {
        try (HttpTestServer f = HttpTestServer.start(transport, (req, res) -> {
            long delay = Long.parseLong(req.path().substring(1));
            Timers.setTimeout(() -> res.end(req.path()), delay);
        })) {
            String out = f.exchange("GET /60 HTTP/1.1\r\nHost: h\r\n\r\nGET /30 HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "GET /1 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            int a = out.indexOf("\r\n\r\n/60");
            int b = out.indexOf("\r\n\r\n/30");
            int c = out.indexOf("\r\n\r\n/1");
            assertTrue(a > 0 && b > a && c > b, out);
            assertEquals(3, f.handlerCalls.get());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void headAnd204And304NeverCarryABody(String transport) throws Exception {
        try (HttpTestServer f = HttpTestServer.start(transport, (req, res) -> {
            int status = Integer.parseInt(req.path().substring(1));
            res.statusCode(status);
            if (req.query().equals("stream")) {
                res.write("part one ");
            }
            res.end("body");
        })) {
            String head = f.exchange("HEAD /200 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
            assertTrue(head.endsWith("\r\n\r\n"), head);
            String headStream = f.exchange("HEAD /200?stream HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            assertTrue(headStream.endsWith("\r\n\r\n"), headStream);
            for (String status : List.of("204", "304")) {
                for (String q : List.of("", "?stream")) {
                    String out = f.exchange("GET /" + status + q + " HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
                    assertTrue(out.startsWith("HTTP/1.1 " + status + " "), out);
                    assertTrue(out.endsWith("\r\n\r\n"), out);
                    assertFalse(out.toLowerCase().contains("content-length"), out);
                    assertFalse(out.toLowerCase().contains("transfer-encoding"), out);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void writesWithoutContentLengthAreChunkedWithTrailers(String transport) throws Exception {
        try (HttpTestServer f = HttpTestServer.start(transport, (req, res) -> {
            res.write("hello ");
            res.addTrailers(Map.of("X-Checksum", "abc"));
            Timers.setTimeout(() -> {
                res.write(Buffer.from("chunked "));
                res.end("world");
            }, 5);
        })) {
            String raw = f.exchange("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            assertTrue(raw.contains("Transfer-Encoding: chunked\r\n"), raw);
            assertTrue(raw.endsWith("\r\n\r\n6\r\nhello \r\n8\r\nchunked \r\n5\r\nworld\r\n0\r\nX-Checksum: abc\r\n\r\n"),
                    raw);
            HttpResponse<String> r = get(f.url("/"));
            assertEquals("hello chunked world", r.body());
            // HTTP/1.0 gets no chunking: the body ends when the connection closes.
            String old = f.exchange("GET / HTTP/1.0\r\n\r\n");
            assertTrue(old.endsWith("\r\n\r\nhello chunked world"), old);
            assertTrue(old.contains("Connection: close\r\n"), old);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void aThrowingHandlerGets500AndTheServerKeepsServing(String transport) throws Exception {
        try (HttpTestServer f = HttpTestServer.start(transport, (req, res) -> {
            if (req.path().equals("/boom")) {
                throw new IllegalStateException("boom");
            }
            res.end("fine");
        })) {
            f.tester.expectUncaught(1);
            String out = f.exchange("GET /boom HTTP/1.1\r\nHost: h\r\n\r\n");
            assertTrue(out.startsWith("HTTP/1.1 500 Internal Server Error\r\n"), out);
            assertTrue(out.contains("Connection: close\r\n"), out);
            assertEquals("fine", get(f.url("/ok")).body());
            assertEquals(1, f.uncaught().size(), f.uncaught().toString());
            assertEquals("boom", f.uncaught().get(0).getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void requestBodiesArriveWholeSizedAndChunked(String transport) throws Exception {
        try (HttpTestServer f = HttpTestServer.start(transport, (req, res) -> {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            req.onData(b -> got.writeBytes(b.toByteArray()));
            req.onEnd(() -> res.end(got.size() + ":" + req.complete() + ":" + req.trailers().get("x-t").orElse("-")));
        })) {
            byte[] big = new byte[3 * 1024 * 1024 + 7];
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(f.url("/up")))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(big)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(big.length + ":true:-", r.body());
            String chunked = f.exchange("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + "5\r\nhello\r\n3\r\nabc\r\n0\r\nX-T: tv\r\n\r\n");
            assertTrue(chunked.endsWith("\r\n\r\n8:true:tv"), chunked);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void headerValuesWithCrLfOrNulAreRefusedAndNothingReachesTheWire(String transport) throws Exception {
        CompletableFuture<String> codes = new CompletableFuture<>();
        try (HttpTestServer f = HttpTestServer.start(transport, (req, res) -> {
            StringBuilder sb = new StringBuilder();
            for (Runnable bad : List.<Runnable>of(
                    () -> res.setHeader("X-A", "v\r\nSet-Cookie: evil"),
                    () -> res.setHeader("X-A", List.of("ok", "v\nx")),
                    () -> res.setHeader("X-A\r\n", "v"),
                    () -> res.setHeader("X-A", "v\0"),
                    () -> res.writeHead(200, "OK\r\nX: y", Map.of()),
                    () -> res.writeHead(200, Map.of("X-B", "a\rb")),
                    () -> res.addTrailers(Map.of("X-C", "a\nb")),
                    () -> res.statusMessage("a\nb"))) {
                try {
                    bad.run();
                    sb.append("accepted ");
                } catch (StardustException e) {
                    sb.append(e.code()).append(' ');
                }
            }
            codes.complete(sb.toString().trim());
            res.end("clean");
        })) {
            String out = f.exchange("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            assertEquals("ERR_INVALID_CHAR ERR_INVALID_CHAR ERR_INVALID_HTTP_TOKEN ERR_INVALID_CHAR ERR_INVALID_CHAR "
                    + "ERR_INVALID_CHAR ERR_INVALID_CHAR ERR_INVALID_CHAR", codes.get(10, SECONDS));
            assertTrue(out.startsWith("HTTP/1.1 200 OK\r\n"), out);
            assertFalse(out.contains("evil") || out.contains("X-A") || out.contains("X-B") || out.contains("X: y"), out);
            assertTrue(out.endsWith("\r\n\r\nclean"), out);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void expectContinueIsAnsweredAutomaticallyOrByTheHook(String transport) throws Exception {
        try (HttpTestServer f = HttpTestServer.start(transport, (req, res) -> {
            req.onData(b -> { });
            req.onEnd(() -> res.end("got it"));
        })) {
            try (var s = f.socket()) {
                s.getOutputStream().write(("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nExpect: 100-continue\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                InputStream in = s.getInputStream();
                byte[] buf = new byte[25];
                int n = in.readNBytes(buf, 0, 25);
                assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                s.getOutputStream().write("body".getBytes(StandardCharsets.ISO_8859_1));
                String rest = HttpTestServer.readAll(in);
                assertTrue(rest.startsWith("HTTP/1.1 200 OK\r\n") && rest.endsWith("got it"), rest);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void closeIsGracefulAndCompletesWhenTheLastRequestIsDone(String transport) throws Exception {
        java.util.concurrent.LinkedBlockingQueue<ServerResponse> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        HttpTestServer f = HttpTestServer.start(transport, (req, res) -> queue.add(res));
        try (f) {
            var s = f.socket();
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            ServerResponse res = queue.poll(10, SECONDS);
            var idle = f.socket();
            idle.getOutputStream().write("GET / HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            ServerResponse first = queue.poll(10, SECONDS);
            f.tester.execute(() -> first.end("first"));
            byte[] answer = new byte[8];
            // Read until the body of the first answer has arrived: the connection is now idle.
            String seen = "";
            while (!seen.endsWith("first")) {
                int n = idle.getInputStream().read(answer);
                assertTrue(n > 0);
                seen += new String(answer, 0, n, StandardCharsets.ISO_8859_1);
            }
            CompletableFuture<Void> closed = f.tester.call(() -> f.server.close().toCompletableFuture());
            // The idle connection is closed at once, the busy one is not.
            assertEquals(-1, idle.getInputStream().read());
            assertFalse(closed.isDone());
            f.tester.execute(() -> res.end("last"));
            String out = HttpTestServer.readAll(s.getInputStream());
            assertTrue(out.startsWith("HTTP/1.1 200 OK\r\n") && out.contains("Connection: close\r\n")
                    && out.endsWith("last"), out);
            closed.get(10, SECONDS);
            s.close();
            idle.close();
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String dateOf(String response) {
        int i = response.indexOf("Date: ");
        return i < 0 ? "" : response.substring(i + 6, response.indexOf("\r\n", i));
    }

    @SuppressWarnings("unused")
    private static void unused(TimeUnit u) {
    }
}
