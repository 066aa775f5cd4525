package dev.stardust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.testing.LoopTester;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client request can be aborted at any moment with {@code destroy()}, as node's: before the connection, while
 * waiting for the head (every {@code Http.get}, whose body is already sent) and while the body streams; it closes
 * after its response is over; {@code setTimeout} reports an idle request. The peers are raw TCP servers that read
 * the request and then answer as scripted: never, half a body, or in full.
 */
class ClientAbortTest {

    @Test
    void destroyWhileWaitingForTheHeadFailsWithSocketHangUpAndClosesTheConnection() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = new ScriptedServer("")) {
            LoopTester.run(t -> {
                ClientRequest req = Http.get(server.url(), res -> events.add("response"));
                req.onFinish(() -> events.add("finish"));
                req.onError(t.expect(e -> events.add("error " + ((StardustException) e).code() + " " + e.getMessage())));
                req.onClose(t.expect(() -> events.add("close")));
                // Abort once the server has the whole request: the request has long finished sending.
                Promise.from(server.requestReceived).onSuccess(head -> req.destroy());
            });
            assertTrue(server.sawClose.get(10, TimeUnit.SECONDS), "the connection was closed");
        }
        assertEquals(List.of("finish", "error ECONNRESET ECONNRESET: socket hang up", "close"), events);
    }

    @Test
    void destroyBeforeTheConnectionExistsFailsTheSameWay() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = new ScriptedServer("")) {
            LoopTester.run(t -> {
                ClientRequest req = Http.get(server.url(), res -> events.add("response"));
                req.onError(t.expect(e -> events.add("error " + ((StardustException) e).code())));
                req.onClose(t.expect(() -> events.add("close")));
                req.destroy();
            });
        }
        assertEquals(List.of("error ECONNRESET", "close"), events);
    }

    @Test
    void destroyWithAnErrorFailsTheRequestWithThatError() throws Exception {
        IllegalStateException mine = new IllegalStateException("given up");
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = new ScriptedServer("")) {
            LoopTester.run(t -> {
                ClientRequest req = Http.get(server.url(), res -> { });
                req.onError(t.expect((Throwable e) -> errors.add(e)));
                Promise.from(server.requestReceived).onSuccess(head -> req.destroy(mine));
            });
        }
        assertEquals(List.of(mine), errors);
    }

    @Test
    void destroyWhileTheBodyStreamsAbortsTheResponse() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        // Ten bytes of a hundred, then silence.
        try (ScriptedServer server = new ScriptedServer("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")) {
            LoopTester.run(t -> {
                ClientRequest[] req = new ClientRequest[1];
                req[0] = Http.get(server.url(), t.expect(res -> {
                    res.onData(t.expect(chunk -> {
                        events.add("data " + chunk);
                        req[0].destroy();
                    }));
                    res.on("aborted", t.expect(none -> events.add("aborted")));
                    res.onError(t.expect(e -> events.add("response error " + e.getMessage())));
                    res.onEnd(t.expect(() -> events.add("end"), 0));
                    res.onClose(t.expect(() -> events.add("response close")));
                }));
                req[0].onError(t.expect(e -> events.add("request error"), 0));
                req[0].onClose(t.expect(() -> events.add("request close")));
            });
            assertTrue(server.sawClose.get(10, TimeUnit.SECONDS), "the connection was closed");
        }
        assertEquals("data 0123456789", events.get(0));
        assertTrue(events.containsAll(List.of("aborted", "response error ECONNRESET: aborted", "response close",
                "request close")), events.toString());
    }

    @Test
    void theRequestClosesAfterItsResponseEnds() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = new ScriptedServer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi")) {
            LoopTester.run(t -> {
                ClientRequest req = Http.get(server.url(), t.expect(res -> {
                    events.add("response");
                    res.onData(chunk -> events.add("data " + chunk));
                    res.onEnd(t.expect(() -> events.add("end")));
                }));
                req.onFinish(t.expect(() -> events.add("finish")));
                req.onClose(t.expect(() -> events.add("close")));
            });
        }
        assertEquals(List.of("finish", "response", "data hi", "end", "close"), events);
    }

    @Test
    void setTimeoutReportsAnIdleRequestAndTheListenerAbortsIt() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = new ScriptedServer("")) {
            LoopTester.run(t -> {
                ClientRequest req = Http.get(server.url(), res -> events.add("response"));
                req.setTimeout(50);
                req.onTimeout(t.expect(() -> {
                    events.add("timeout");
                    req.destroy();
                }));
                req.onError(t.expect(e -> events.add("error " + ((StardustException) e).code())));
                req.onClose(t.expect(() -> events.add("close")));
            });
        }
        assertEquals(List.of("timeout", "error ECONNRESET", "close"), events);
    }

    /**
     * A TCP server for one connection: reads a request head, writes {@code answer} (nothing when empty) and keeps the
     * connection open until the client closes it, which {@link #sawClose} reports.
     */
    private static final class ScriptedServer implements AutoCloseable {
        final CompletableFuture<String> requestReceived = new CompletableFuture<>();
        final CompletableFuture<Boolean> sawClose = new CompletableFuture<>();
        private final ServerSocket listening;
        private final Thread thread;

        ScriptedServer(String answer) throws IOException {
            listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(answer), "scripted-server");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + listening.getLocalPort() + "/";
        }

        private void serve(String answer) {
            try (Socket s = listening.accept()) {
                InputStream in = s.getInputStream();
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    head.write(b);
                }
                if (!answer.isEmpty()) {
                    s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                }
                requestReceived.complete(head.toString(StandardCharsets.ISO_8859_1));
                sawClose.complete(in.read() < 0);
            } catch (IOException e) {
                requestReceived.completeExceptionally(e);
                sawClose.complete(true);
            }
        }

        @Override
        public void close() throws Exception {
            listening.close();
            thread.join(10_000);
        }
    }
}
