package dev.stardust.http;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.LoopOptions;
import dev.stardust.net.Socket;
import dev.stardust.testing.LoopTester;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * node's {@code 'upgrade'}: a raw JDK socket upgrades to a toy echo protocol, sending its request whole (the first
 * protocol bytes in the same write as the head, so they reach the server as the decoder's leftovers) and one byte per
 * write; without an {@code upgrade} listener the request is an ordinary request. Once per transport.
 */
class UpgradeTest {
    private static final String UPGRADE_HEAD = "GET /chat HTTP/1.1\r\nHost: test\r\nConnection: keep-alive, Upgrade\r\n"
            + "Upgrade: echo\r\n\r\n";
    private static final String SWITCHING = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\n"
            + "Connection: Upgrade\r\n\r\n";

    static Stream<Arguments> transportsAndSplits() {
        return LoopTester.transports().flatMap(t -> Stream.of(Arguments.of(t, false), Arguments.of(t, true)));
    }


    @ParameterizedTest(name = "{0}, one byte per write: {1}")
    @MethodSource("transportsAndSplits")
    void upgradeHandsTheConnectionOverAsASocketHeadFirst(String transport, boolean bytewise) throws Exception {
        AtomicReference<CompletableFuture<String>> client = new AtomicReference<>();
        LoopTester.run(LoopOptions.defaults().withTransport(transport), Duration.ofSeconds(15), t -> {
            HttpServer server = Http.createServer((req, res) -> {
                throw new AssertionError("an upgrade reached the request listener: " + req);
            });
            boolean[] serverClosed = {false};
            server.onUpgrade(t.expect((Upgrade u) -> {
                check(u.request().method().equals("GET") && u.request().url().equals("/chat"), "request line");
                check(u.request().headers().get("upgrade").orElse("").equals("echo"), "the Upgrade header");
                check(u.request().complete(), "an upgrade request has no body, so it is complete");
                check(server.connections() == 0, "an upgraded socket is no HTTP connection any more");
                Socket socket = u.socket();
                check(socket.remotePort() > 0 && socket.hasRef(), "a connected, referenced socket");
                socket.onEnd(t.expect(() -> check(serverClosed[0], "the socket outlived the server")));
                // Answer only once the server has closed: from then on the socket alone keeps the loop alive.
                server.close().onComplete(t.expect((v, e) -> {
                    check(e == null, "close failed: " + e);
                    serverClosed[0] = true;
                    socket.write(Buffer.from(SWITCHING));
                    socket.on("data", (Buffer data) -> socket.write(data));
                }));
            }));
            server.listen(0, "127.0.0.1").onSuccess(s -> client.set(runClient(port(s), c -> {
                send(c, UPGRADE_HEAD + "hello", bytewise);
                String answer = readExactly(c, SWITCHING.length() + "hello".length());
                send(c, " world", bytewise);
                answer += readExactly(c, " world".length());
                c.shutdownOutput();
                return answer + "|" + readToEnd(c);
            })));
        });
        assertEquals(SWITCHING + "hello world|", client.get().get(10, SECONDS));
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void theUpgradedSocketIsTheOnlyThingKeepingTheLoopAlive(String transport) throws Exception {
        AtomicReference<CompletableFuture<String>> client = new AtomicReference<>();
        LoopTester.run(LoopOptions.defaults().withTransport(transport), Duration.ofSeconds(15), t -> {
            HttpServer server = Http.createServer((req, res) -> res.end());
            server.onUpgrade(t.expect((Upgrade u) -> {
                u.socket().write(Buffer.from(SWITCHING));
                server.close().onComplete(t.expect((v, e) -> {
                    check(!u.socket().destroyed(), "the socket is still open");
                    // Were the connection still counted by the server too, the loop would not end now.
                    u.socket().unref();
                }));
            }));
            server.listen(0, "127.0.0.1").onSuccess(s -> client.set(runClient(port(s), c -> {
                send(c, UPGRADE_HEAD, false);
                return readToEnd(c);
            })));
        });
        // The loop ended with the socket open and unreferenced, and closed it on the way out.
        assertEquals(SWITCHING, client.get().get(10, SECONDS));
    }

    @ParameterizedTest(name = "{0}, one byte per write: {1}")
    @MethodSource("transportsAndSplits")
    void withoutAnUpgradeListenerTheRequestIsAnOrdinaryRequest(String transport, boolean bytewise) throws Exception {
        try (HttpTestServer f = HttpTestServer.start(transport, (req, res) -> {
            res.writeHead(200, Map.of("Content-Type", "text/plain", "Connection", "close"));
            res.end("plain " + req.headers().get("upgrade").orElse("-"));
        })) {
            String request = UPGRADE_HEAD.replace("keep-alive, Upgrade", "Upgrade");
            String response = bytewise ? f.exchangeBytewise(request) : f.exchange(request);
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
            assertTrue(response.endsWith("\r\n\r\nplain echo"), response);
            assertEquals(1, f.handlerCalls.get());
            assertEquals(List.of(), f.uncaught());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void anUpgradeRequestWithABodyIsAnOrdinaryRequest(String transport) throws Exception {
        CompletableFuture<String> body = new CompletableFuture<>();
        try (HttpTestServer f = HttpTestServer.start(transport, (req, res) -> {
            StringBuilder seen = new StringBuilder();
            req.on("data", (Buffer b) -> seen.append(b));
            req.onEnd(() -> {
                body.complete(seen.toString());
                res.writeHead(200, Map.of("Connection", "close"));
                res.end("ok");
            });
        })) {
            f.tester.call(() -> f.server.onUpgrade(u -> u.socket().destroy()));
            String response = f.exchange(UPGRADE_HEAD.replace("\r\n\r\n", "\r\nContent-Length: 4\r\n\r\n") + "body");
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n") && response.endsWith("ok"), response);
            assertEquals("body", body.get(10, SECONDS));
            assertEquals(List.of(), f.uncaught());
        }
    }

    // ---- the peer ------------------------------------------------------------------------------------------

    private interface Dialogue {
        String talk(java.net.Socket socket) throws IOException;
    }

    private static int port(HttpServer server) {
        return server.address().port();
    }

    /** Runs {@code dialogue} on its own thread against the server, so that the loop thread never blocks. */
    private static CompletableFuture<String> runClient(int port, Dialogue dialogue) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                s.setSoTimeout(10_000);
                s.setTcpNoDelay(true);
                result.complete(dialogue.talk(s));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "upgrade-client");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static void send(java.net.Socket s, String text, boolean bytewise) throws IOException {
        OutputStream out = s.getOutputStream();
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        if (bytewise) {
            for (byte b : bytes) {
                out.write(b);
                out.flush();
            }
        } else {
            out.write(bytes);
            out.flush();
        }
    }

    private static String readExactly(java.net.Socket s, int length) throws IOException {
        byte[] bytes = s.getInputStream().readNBytes(length);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String readToEnd(java.net.Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
