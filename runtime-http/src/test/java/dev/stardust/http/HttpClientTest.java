package dev.stardust.http;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The client against the Stardust server, against hostile raw peers, and its error codes. */
class HttpClientTest {


    /** The outcome of one request: status and body, or the error code; each callback counted. */
    record Outcome(int status, String body, String error, int errors) {
    }

    /** Runs {@code start} on the fixture's loop and collects the outcome of the request it makes. */
    static CompletableFuture<Outcome> fetch(HttpTestServer f, Supplier<ClientRequest> start) throws Exception {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        f.tester.execute(() -> {
            AtomicInteger errors = new AtomicInteger();
            int[] status = {0};
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            ClientRequest req = start.get();
            req.on("response", (IncomingMessage res) -> {
                status[0] = res.statusCode();
                res.onData(b -> body.writeBytes(b.toByteArray()));
                res.onEnd(() -> result.complete(new Outcome(status[0], body.toString(StandardCharsets.UTF_8), "", 0)));
                res.onError(e -> {
                    errors.incrementAndGet();
                    result.complete(new Outcome(status[0], body.toString(StandardCharsets.UTF_8),
                            ((StardustException) e).code(), errors.get()));
                });
            });
            req.on("error", (Throwable e) -> {
                errors.incrementAndGet();
                result.complete(new Outcome(status[0], "", ((StardustException) e).code(), errors.get()));
            });
        });
        return result;
    }

    private static <T> T onLoop(HttpTestServer f, java.util.concurrent.Callable<T> c) throws Exception {
        return f.tester.call(c);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void getsFromTheStardustServerAndReusesOnePooledConnection(String transport) throws Exception {
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        try (HttpTestServer f = HttpTestServer.start(transport, (req, res) -> {
            clientPorts.add(req.remoteAddress().getPort());
            res.setHeader("X-Path", req.url());
            res.end("hello " + req.url());
        })) {
            for (int i = 0; i < 5; i++) {
                String url = f.url("/n" + i + "?q=" + i);
                Outcome o = fetch(f, () -> Http.get(url, res -> { })).get(10, SECONDS);
                assertEquals(new Outcome(200, "hello /n" + i + "?q=" + i, "", 0), o);
            }
            assertEquals(1, clientPorts.size(), "one keep-alive connection for sequential requests");
            assertEquals(1, (int) onLoop(f, () -> Agent.globalAgent().freeSockets()));
        }
    }

    @Test
    void maxSocketsQueuesRequestsAndEveryOneCompletes() throws Exception {
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> {
            clientPorts.add(req.remoteAddress().getPort());
            dev.stardust.Timers.setTimeout(() -> res.end("ok"), 10);
        })) {
            Agent agent = onLoop(f, () -> Agent.create(2, 2, Duration.ofSeconds(4)));
            List<CompletableFuture<Outcome>> all = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 8; i++) {
                all.add(fetch(f, () -> Http.get(RequestOptions.of(f.url("/")).withAgent(agent), r -> { })));
            }
            for (CompletableFuture<Outcome> o : all) {
                assertEquals(new Outcome(200, "ok", "", 0), o.get(10, SECONDS));
            }
            assertEquals(2, clientPorts.size());
        }
    }

    @Test
    void uploadsSizedAndChunkedBodies() throws Exception {
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            req.onData(b -> got.writeBytes(b.toByteArray()));
            req.onEnd(() -> res.end(req.method() + " " + req.headers().get("content-length").orElse("chunked") + " "
                    + got.toString(StandardCharsets.UTF_8)));
        })) {
            RequestOptions post = RequestOptions.of(f.url("/up")).withMethod("POST");
            assertEquals("POST 5 hello", fetch(f, () -> {
                ClientRequest r = Http.request(post, res -> { });
                r.end("hello");
                return r;
            }).get(10, SECONDS).body());
            assertEquals("POST chunked one two", fetch(f, () -> {
                ClientRequest r = Http.request(post, res -> { });
                r.write("one ");
                r.write(Buffer.from("two"));
                r.end();
                return r;
            }).get(10, SECONDS).body());
        }
    }

    @Test
    void connectionRefusedIsReportedOnceAsEconnrefused() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> res.end())) {
            Outcome o = fetch(f, () -> Http.get("http://127.0.0.1:" + closedPort + "/", r -> { })).get(10, SECONDS);
            assertEquals("ECONNREFUSED", o.error());
            assertEquals(1, o.errors());
        }
    }

    @Test
    void anUnknownHostIsEnotfound() throws Exception {
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> res.end())) {
            Outcome o = fetch(f, () -> Http.get("http://no-such-host.invalid/", r -> { })).get(10, SECONDS);
            assertEquals("ENOTFOUND", o.error());
        }
    }

    @Test
    void aSilentServerTimesOutOnceAsEtimedout() throws Exception {
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> { })) {
            Outcome o = fetch(f, () -> Http.get(RequestOptions.of(f.url("/")).withTimeout(Duration.ofMillis(200)),
                    r -> { })).get(10, SECONDS);
            assertEquals(new Outcome(0, "", "ETIMEDOUT", 1), o);
        }
    }

    @Test
    void forbiddenCharactersInHeadersMethodsAndPathsAreRefused() throws Exception {
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> res.end())) {
            String codes = onLoop(f, () -> {
                StringBuilder sb = new StringBuilder();
                for (Supplier<Object> bad : List.<Supplier<Object>>of(
                        () -> Http.request(RequestOptions.of(f.url("/")).withHeader("X", "a\r\nb: c"), r -> { }),
                        () -> Http.request(RequestOptions.of(f.url("/")).withMethod("GET /x HTTP/1.1\r\n"), r -> { }),
                        () -> Http.request(RequestOptions.of(f.url("/")).withPath("/a b"), r -> { }),
                        () -> {
                            ClientRequest r = Http.request(f.url("/"), res -> { });
                            // Destroyed before its response: ECONNRESET "socket hang up", as node reports it.
                            r.onError(aborted -> { });
                            try {
                                return r.setHeader("X", "a\0");
                            } finally {
                                r.destroy();
                            }
                        })) {
                    try {
                        bad.get();
                        sb.append("accepted ");
                    } catch (StardustException e) {
                        sb.append(e.code()).append(' ');
                    }
                }
                return sb.toString().trim();
            });
            assertEquals("ERR_INVALID_CHAR ERR_INVALID_CHAR ERR_UNESCAPED_CHARACTERS ERR_INVALID_CHAR", codes);
            assertEquals(0, f.handlerCalls.get());
        }
    }

    // ---- hostile peers -------------------------------------------------------------------------------------

    /** A raw server that answers each accepted connection with {@code answer}, then closes or resets. */
    static final class RawPeer implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0);
        final AtomicInteger accepted = new AtomicInteger();
        final Thread thread;

        RawPeer(List<String> answers, boolean reset) throws IOException {
            this(answers, reset, false);
        }

        /** With {@code bytewise}, each answer goes out one byte per write. */
        RawPeer(List<String> answers, boolean reset, boolean bytewise) throws IOException {
            thread = new Thread(() -> {
                for (String answer : answers) {
                    try (Socket s = server.accept()) {
                        accepted.incrementAndGet();
                        s.setTcpNoDelay(true);
                        readHead(s.getInputStream());
                        byte[] bytes = answer.getBytes(StandardCharsets.ISO_8859_1);
                        if (bytewise) {
                            for (byte b : bytes) {
                                s.getOutputStream().write(b);
                                s.getOutputStream().flush();
                            }
                        } else {
                            s.getOutputStream().write(bytes);
                        }
                        s.getOutputStream().flush();
                        if (reset) {
                            s.setSoLinger(true, 0);
                        }
                    } catch (IOException e) {
                        // The client may hang up mid-answer once it saw the error: go on with the next answer,
                        // unless the peer itself was closed.
                        if (server.isClosed()) {
                            return;
                        }
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/";
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    static void readHead(InputStream in) throws IOException {
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
    }

    @Test
    void aResponseShorterThanItsContentLengthIsOneErrorAndItsSocketIsNotPooled() throws Exception {
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> res.end());
                RawPeer peer = new RawPeer(List.of("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"), false)) {
            Agent agent = onLoop(f, Agent::create);
            Outcome o = fetch(f, () -> Http.get(RequestOptions.of(peer.url()).withAgent(agent), r -> { }))
                    .get(10, SECONDS);
            assertEquals(new Outcome(200, "abc", "ECONNRESET", 1), o);
            assertEquals(0, (int) onLoop(f, agent::freeSockets));
        }
    }

    @Test
    void aResetMidBodyIsOneError() throws Exception {
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> res.end());
                RawPeer peer = new RawPeer(List.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n"),
                        true)) {
            Outcome o = fetch(f, () -> Http.get(peer.url(), r -> { })).get(10, SECONDS);
            assertEquals(new Outcome(200, "abc", "ECONNRESET", 1), o);
        }
    }

    @ParameterizedTest(name = "bytewise={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void malformedResponsesAreParseErrorsWithLlhttpsCodes(boolean bytewise) throws Exception {
        // Each pair: what a raw server answers, and the code node 20's client fails with on it.
        List<String> answers = List.of("HTTP/1.1 abc OK\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nX-Bad\u0001: v\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 200 OK\nContent-Length: 0\n\n",
                "http/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nX-No-Colon here\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\na",
                "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        List<String> codes = List.of("HPE_INVALID_STATUS", "HPE_UNEXPECTED_CONTENT_LENGTH", "HPE_INVALID_CHUNK_SIZE",
                "HPE_INVALID_HEADER_TOKEN", "HPE_", "HPE_INVALID_CONSTANT", "HPE_INVALID_STATUS",
                "HPE_INVALID_HEADER_TOKEN", "HPE_INVALID_CONTENT_LENGTH", "HPE_INVALID_TRANSFER_ENCODING");
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> res.end());
                RawPeer peer = new RawPeer(answers, false, bytewise)) {
            for (int i = 0; i < answers.size(); i++) {
                Outcome o = fetch(f, () -> Http.get(RequestOptions.of(peer.url()).withoutAgent(), r -> { }))
                        .get(10, SECONDS);
                assertTrue(o.error().startsWith(codes.get(i)), answers.get(i) + " gave " + o);
                // A bad chunk comes after a good head: the response is delivered, then fails.
                assertEquals(i == 2 ? 200 : 0, o.status(), "no response delivered on a bad head: " + o);
                assertEquals(1, o.errors(), o.toString());
            }
        }
    }

    @Test
    void anIdempotentRequestOnAConnectionTheServerJustClosedIsRetriedOnceOnANewOne() throws Exception {
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> res.end());
                ServerSocket server = new ServerSocket(0)) {
            AtomicInteger accepted = new AtomicInteger();
            Thread peer = new Thread(() -> {
                try (Socket first = server.accept()) {
                    accepted.incrementAndGet();
                    readHead(first.getInputStream());
                    first.getOutputStream().write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none"));
                    // The second request arrives on the kept connection; close it unanswered, as a server whose
                    // keep-alive timeout fired at that moment would.
                    readHead(first.getInputStream());
                } catch (IOException e) {
                    return;
                }
                try (Socket second = server.accept()) {
                    accepted.incrementAndGet();
                    readHead(second.getInputStream());
                    second.getOutputStream().write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo"));
                    second.getInputStream().read();
                } catch (IOException e) {
                    return;
                }
            });
            peer.setDaemon(true);
            peer.start();
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/";
            Agent agent = onLoop(f, Agent::create);
            assertEquals(new Outcome(200, "one", "", 0),
                    fetch(f, () -> Http.get(RequestOptions.of(url).withAgent(agent), r -> { })).get(10, SECONDS));
            assertEquals(new Outcome(200, "two", "", 0),
                    fetch(f, () -> Http.get(RequestOptions.of(url).withAgent(agent), r -> { })).get(10, SECONDS));
            assertEquals(2, accepted.get());
            onLoop(f, () -> {
                agent.destroy();
                return null;
            });
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @SuppressWarnings("unused")
    private static void unused() {
        assertThrows(RuntimeException.class, () -> {
            throw new RuntimeException();
        });
    }
}
