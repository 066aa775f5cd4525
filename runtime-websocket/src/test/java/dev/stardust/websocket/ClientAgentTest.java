package dev.stardust.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stardust.LoopOptions;
import dev.stardust.http.Agent;
import dev.stardust.http.Http;
import dev.stardust.http.HttpServer;
import dev.stardust.http.Https;
import dev.stardust.http.RequestOptions;
import dev.stardust.testing.LoopTester;
import dev.stardust.testing.TestCerts;
import dev.stardust.tls.TlsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client's handshake through the HTTP client's {@link Agent} and {@link TlsOptions} (node's {@code ws} options
 * {@code agent}, {@code ca}, {@code servername}): with {@code maxSockets} 1, WebSocket handshakes and HTTP requests to
 * the same host take the one place in their order, a handshake gives it back once it is over (its connection
 * leaves the agent), and a {@code wss://} handshake and an HTTPS request with the same TLS options object count as
 * the same host.
 */
@org.junit.jupiter.api.Timeout(60)
class ClientAgentTest {
    private final List<String> log = new ArrayList<>();

    @Test
    void handshakesAndRequestsTakeTheAgentsOnePlaceInTurn() {
        LoopTester.run(t -> {
            Agent agent = Agent.create(1, 1, Duration.ofSeconds(1));
            HttpServer http = Http.createServer((req, res) -> {
                log.add("request " + req.url() + " " + counts(agent));
                res.end("plain");
            });
            WebSocketServer wss = WebSocketServer.attach(http, WebSocketOptions.defaults().withHandshake(h -> {
                log.add("handshake " + h.path() + " " + counts(agent));
                h.accept();
            }));
            http.listen(0, "127.0.0.1").onSuccess(s -> {
                String base = "127.0.0.1:" + s.address().port();
                WebSocketOptions viaAgent = WebSocketOptions.defaults().withAgent(agent);
                WebSocket one = WebSocket.connect("ws://" + base + "/one", viaAgent);
                Http.get(RequestOptions.of("http://" + base + "/plain").withAgent(agent), t.expect(res -> {
                    res.onData(b -> { });
                    res.onEnd(t.expect(() -> log.add("response " + res.statusCode())));
                }));
                WebSocket two = WebSocket.connect("ws://" + base + "/two", viaAgent);
                one.onOpen(t.expect(() -> log.add("open one " + counts(agent))));
                two.onOpen(t.expect(() -> {
                    log.add("open two " + counts(agent) + " free " + agent.freeSockets());
                    agent.destroy();
                    one.close();
                    two.close().onSuccess(v -> {
                        wss.close();
                        http.close();
                    });
                }));
            });
        });
        assertEquals(List.of(
                "handshake /one busy 1 pending 2",
                "open one busy 1 pending 1",
                "request /plain busy 1 pending 1",
                "response 200",
                "handshake /two busy 1 pending 0",
                "open two busy 0 pending 0 free 1"), log);
    }

    @Test
    void wssTakesTheHttpsClientsTlsOptionsAndCountsWithItsRequests() {
        // The server's certificate names other.example only; the client dials 127.0.0.1 and verifies that name.
        TlsOptions server = TlsOptions.defaults().withCert(TestCerts.file("other.crt"))
                .withKey(TestCerts.file("other.key"));
        TlsOptions client = TlsOptions.defaults().withCa(TestCerts.file("ca.crt")).withServername("other.example");
        LoopTester.run(LoopOptions.defaults(), WssTest.TLS_WARM_UP, t -> {
            Agent agent = Agent.create(1, 1, Duration.ofSeconds(1));
            HttpServer https = Https.createServer(server, (req, res) -> res.end("plain over tls"));
            WebSocketServer wss = WebSocketServer.attach(https, WebSocketOptions.defaults().withHandshake(h -> {
                log.add("handshake " + counts(agent));
                h.accept();
            }));
            wss.onConnection(ws -> ws.onMessage(m -> ws.send("echo " + m.text())));
            https.listen(0, "127.0.0.1").onSuccess(s -> {
                String base = "127.0.0.1:" + s.address().port();
                WebSocket ws = WebSocket.connect("wss://" + base + "/",
                        WebSocketOptions.defaults().withTls(client).withAgent(agent));
                Https.request(Https.options("https://" + base + "/").withAgent(agent), client, t.expect(res -> {
                    StringBuilder body = new StringBuilder();
                    res.onData(b -> body.append(b.toString()));
                    res.onEnd(t.expect(() -> {
                        log.add("response " + body);
                        agent.destroy();
                        ws.close(1000, "").onSuccess(v -> {
                            wss.close();
                            https.close();
                        });
                    }));
                })).end();
                ws.onOpen(t.expect(() -> ws.send("hi")));
                ws.onMessage(t.expect(m -> log.add(m.text())));
            });
        });
        assertEquals(List.of("handshake busy 1 pending 1", "echo hi", "response plain over tls"), log);
    }

    private static String counts(Agent agent) {
        return "busy " + agent.busySockets() + " pending " + agent.pendingRequests();
    }
}
