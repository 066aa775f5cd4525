package dev.stardust.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stardust.Buffer;
import dev.stardust.LoopOptions;
import dev.stardust.http.Http;
import dev.stardust.http.HttpServer;
import dev.stardust.testing.LoopTester;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Stardust client and server, one loop, once per transport: text and binary round trips, sub-protocol choice,
 * compression on both sides, the closing handshake with code and reason seen by both ends, and the per-path hook.
 */
class EchoTest {

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void echoesTextAndBinaryThenClosesWithCodeAndReason(String transport) {
        for (boolean deflate : new boolean[] {false, true}) {
            List<String> log = new ArrayList<>();
            LoopTester.run(LoopOptions.defaults().withTransport(transport), Duration.ofSeconds(15), t -> {
                HttpServer http = Http.createServer((req, res) -> res.end("plain"));
                WebSocketOptions options = WebSocketOptions.defaults().withPerMessageDeflate(deflate)
                        .withPath("/echo").withHandshake(h -> {
                            if (h.origin().orElse("").equals("http://evil.example")) {
                                h.reject(403, "no");
                            } else {
                                h.accept("two");
                            }
                        });
                WebSocketServer wss = WebSocketServer.attach(http, options);
                wss.onConnection(t.expect((WebSocket ws) -> {
                    log.add("server protocol " + ws.protocol() + " ext " + !ws.extensions().isEmpty());
                    ws.onMessage(m -> {
                        if (m.binary()) {
                            ws.send(m.data());
                        } else {
                            ws.send("echo " + m.text());
                        }
                    });
                    ws.onClose(t.expect((CloseEvent e) -> {
                        log.add("server close " + e.code() + " " + e.reason() + " " + e.wasClean());
                        wss.close();
                        http.close();
                    }));
                }));
                http.listen(0, "127.0.0.1").onSuccess(s -> {
                    String url = "ws://127.0.0.1:" + s.address().port() + "/echo";
                    WebSocket ws = WebSocket.connect(url, WebSocketOptions.defaults().withPerMessageDeflate(deflate)
                            .withProtocols(List.of("one", "two")));
                    ws.onOpen(t.expect(() -> {
                        log.add("client protocol " + ws.protocol() + " ext " + !ws.extensions().isEmpty());
                        ws.send("hello " + "x".repeat(100));
                        ws.send(Buffer.from(new byte[] {0, 1, 2, (byte) 255}));
                    }));
                    List<Message> got = new ArrayList<>();
                    ws.onMessage(t.expect((Message m) -> {
                        got.add(m);
                        if (got.size() == 2) {
                            log.add(got.get(0).text().length() + " " + got.get(1).binary() + " "
                                    + got.get(1).data().toString("hex"));
                            ws.close(4001, "done").onSuccess(t.expect(v -> log.add("client closed")));
                        }
                    }, 2));
                    ws.onClose(t.expect((CloseEvent e) -> log.add("client close " + e.code() + " " + e.reason()
                            + " " + e.wasClean())));
                    WebSocket evil = WebSocket.connect(url, WebSocketOptions.defaults()
                            .withHeaders(java.util.Map.of("Origin", "http://evil.example")));
                    evil.onError(t.expect((Throwable e) -> log.add("evil " + e.getMessage())));
                    WebSocket other = WebSocket.connect("ws://127.0.0.1:" + s.address().port() + "/other");
                    other.onError(t.expect((Throwable e) -> log.add("other " + e.getMessage())));
                });
            });
            log.sort(null);
            assertEquals(List.of("111 true 000102ff", "client close 4001 done true", "client closed",
                    "client protocol two ext " + deflate, "evil WS_ERR_UNEXPECTED_RESPONSE: Unexpected server response: 403",
                    "other WS_ERR_UNEXPECTED_RESPONSE: Unexpected server response: 400", "server close 4001 done true",
                    "server protocol two ext " + deflate), log);
        }
    }
}
