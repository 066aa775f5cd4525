package dev.stardust.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stardust.Buffer;
import dev.stardust.LoopOptions;
import dev.stardust.StardustException;
import dev.stardust.http.HttpServer;
import dev.stardust.http.Https;
import dev.stardust.testing.LoopTester;
import dev.stardust.testing.TestCerts;
import dev.stardust.tls.TlsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code wss://}: a Stardust client and server over TLS with the test CA ({@link TestCerts}, made with
 * {@code openssl}), and verification on by default: an untrusted certificate or the wrong name fails the client with
 * node's code, and the server sees no connection.
 */
@org.junit.jupiter.api.Timeout(60)
class WssTest {
    /** The first TLS handshake of a JVM loads its providers and trust store: seconds on a busy machine. */
    static final Duration TLS_WARM_UP = Duration.ofSeconds(30);
    static TlsOptions serverTls;
    static TlsOptions clientTls;

    @BeforeAll
    static void certificates() {
        serverTls = TlsOptions.defaults().withCert(TestCerts.file("server.crt")).withKey(TestCerts.file("server.key"));
        clientTls = TlsOptions.defaults().withCa(TestCerts.file("ca.crt"));
    }

    @Test
    void echoesOverTlsWithTheTestCaTrusted() {
        List<String> log = new ArrayList<>();
        LoopTester.run(LoopOptions.defaults(), TLS_WARM_UP, t -> {
            HttpServer https = Https.createServer(serverTls, (req, res) -> res.end("plain"));
            WebSocketServer wss = WebSocketServer.attach(https, WebSocketOptions.defaults().withPath("/echo"));
            wss.onConnection(t.expect((WebSocket ws) -> {
                ws.onMessage(m -> ws.send(m.binary() ? "binary " + m.data().toString("hex") : "echo " + m.text()));
                ws.onClose(t.expect((CloseEvent e) -> {
                    log.add("server close " + e.code() + " " + e.reason() + " " + e.wasClean());
                    wss.close();
                    https.close();
                }));
            }));
            https.listen(0, "127.0.0.1").onSuccess(s -> {
                WebSocket ws = WebSocket.connect("wss://localhost:" + s.address().port() + "/echo",
                        WebSocketOptions.defaults().withTls(clientTls));
                ws.onOpen(t.expect(() -> {
                    log.add("open " + ws.url().replaceFirst(":\\d+/", ":PORT/"));
                    ws.send("hello over tls");
                    ws.send(Buffer.from(new byte[] {1, 2, (byte) 255}));
                }));
                List<String> got = new ArrayList<>();
                ws.onMessage(t.expect((Message m) -> {
                    got.add(m.text());
                    if (got.size() == 2) {
                        log.add(String.join(", ", got));
                        ws.close(1000, "bye");
                    }
                }, 2));
                ws.onClose(t.expect((CloseEvent e) -> log.add("client close " + e.code() + " " + e.reason() + " "
                        + e.wasClean())));
            });
        });
        log.sort(null);
        assertEquals(List.of("client close 1000 bye true", "echo hello over tls, binary 0102ff",
                "open wss://localhost:PORT/echo",
                "server close 1000 bye true"), log);
    }

    /** Default options trust only the system's CAs, so the test CA's server fails as node's would. */
    @Test
    void verificationIsOnByDefault() {
        assertEquals(List.of("error UNABLE_TO_VERIFY_LEAF_SIGNATURE", "close 1006 CLOSED"), refused(
                serverTls, WebSocketOptions.defaults()));
    }

    @Test
    void aTrustedCertificateForAnotherNameFails() {
        TlsOptions other = TlsOptions.defaults().withCert(TestCerts.file("other.crt"))
                .withKey(TestCerts.file("other.key"));
        assertEquals(List.of("error ERR_TLS_CERT_ALTNAME_INVALID", "close 1006 CLOSED"), refused(
                other, WebSocketOptions.defaults().withTls(clientTls)));
    }

    private static List<String> refused(TlsOptions server, WebSocketOptions client) {
        List<String> log = new ArrayList<>();
        LoopTester.run(LoopOptions.defaults(), TLS_WARM_UP, t -> {
            HttpServer https = Https.createServer(server, (req, res) -> res.end("plain"));
            WebSocketServer wss = WebSocketServer.attach(https, WebSocketOptions.defaults());
            wss.onConnection(ws -> log.add("server saw a connection"));
            https.listen(0, "127.0.0.1").onSuccess(s -> {
                WebSocket ws = WebSocket.connect("wss://localhost:" + s.address().port() + "/", client);
                ws.onOpen(() -> log.add("opened"));
                ws.onError(t.expect((Throwable e) -> log.add("error " + ((StardustException) e).code())));
                ws.onClose(t.expect((CloseEvent e) -> {
                    log.add("close " + e.code() + " " + ws.readyState());
                    wss.close();
                    https.close();
                    https.closeAllConnections();
                }));
            });
        });
        return log;
    }
}
