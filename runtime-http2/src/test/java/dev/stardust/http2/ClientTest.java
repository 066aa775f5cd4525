package dev.stardust.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.StardustException;
import dev.stardust.http.ClientRequest;
import dev.stardust.http.Http;
import dev.stardust.http.HttpServer;
import dev.stardust.http.IncomingMessage;
import dev.stardust.testing.LoopTester;
import dev.stardust.testing.TestCerts;
import dev.stardust.tls.TlsOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Http2.connect} sessions: many requests multiplexed on one connection to node's http2 server (TLS and
 * cleartext) and to Stardust's own, bodies and trailers, and node's errors when the connection fails.
 */
@Timeout(60)
class ClientTest {
    static final TlsOptions CLIENT_TLS = TlsOptions.defaults().withCa(TestCerts.file("ca.crt"));

    /** node's http2 server on a free port; its port is the first line it prints. */
    static Process nodeServer(boolean secure) throws Exception {
        String script = """
                const http2 = require('http2'); const fs = require('fs');
                const secure = process.argv[1] === 'tls';
                const handler = (req, res) => {
                  let body = '';
                  req.setEncoding('utf8'); req.on('data', d => body += d);
                  req.on('end', () => {
                    res.setHeader('x-session', String(req.stream.session.__id ||
                        (req.stream.session.__id = Math.random().toString(36).slice(2))));
                    res.addTrailers({ 'x-len': String(body.length) });
                    res.end(req.method + ' ' + req.url + ' ' + body);
                  });
                };
                const server = secure
                  ? http2.createSecureServer({ key: fs.readFileSync(process.argv[2]),
                      cert: fs.readFileSync(process.argv[3]) }, handler)
                  : http2.createServer(handler);
                server.listen(0, '127.0.0.1', () => console.log(server.address().port));
                process.stdin.on('end', () => process.exit(0)); process.stdin.resume();
                """;
        Process p = new ProcessBuilder("node", "-e", script, secure ? "tls" : "plain",
                TestCerts.file("server.key").toString(), TestCerts.file("server.crt").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return p;
    }

    static int port(Process node) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        return Integer.parseInt(r.readLine().trim());
    }

    static void collect(IncomingMessage res, Consumer<String> into) {
        StringBuilder body = new StringBuilder();
        res.setEncoding(StandardCharsets.UTF_8).onData(body::append);
        res.onEnd(() -> into.accept(res.statusCode() + " " + res.httpVersion() + " "
                + res.headers().get("x-session").orElse("-") + " " + body + " len=" + res.trailers().get("x-len")
                .orElse("-")));
    }

    /** Sends 20 requests at once on one session to {@code url}; their answers, sorted. */
    static List<String> twentyAtOnce(String url, TlsOptions tls) {
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        LoopTester.run(t -> {
            Http2Session session = Http2.connect(url, tls);
            session.onConnect(t.expect(() -> { }));
            for (int i = 0; i < 20; i++) {
                ClientRequest req = session.request("POST", "/r/" + i, res -> collect(res, a -> {
                    got.add(a);
                    if (got.size() == 20) {
                        session.close();
                    }
                }));
                req.write("body-");
                req.end(String.valueOf(i));
            }
            session.onClose(t.expect(() -> { }));
        });
        return new ArrayList<>(new TreeSet<>(got));
    }

    static void checkTwenty(List<String> got) {
        assertEquals(20, got.size(), got.toString());
        String session = got.get(0).split(" ")[2];
        for (String answer : got) {
            String[] parts = answer.split(" ");
            assertEquals("200", parts[0], answer);
            assertEquals("2.0", parts[1], answer);
            assertEquals(session, parts[2], "not one session: " + got);
            assertTrue(answer.matches("200 2\\.0 \\S+ POST /r/(\\d+) body-\\1 len=" + "\\d+"), answer);
        }
    }

    @Test
    void multiplexesTwentyRequestsOnOneSessionToNodesTlsServer() throws Exception {
        Process node = nodeServer(true);
        try {
            checkTwenty(twentyAtOnce("https://localhost:" + port(node) + "/", CLIENT_TLS));
        } finally {
            node.destroy();
        }
    }

    @Test
    void multiplexesTwentyRequestsOnOneSessionToNodesCleartextServer() throws Exception {
        Process node = nodeServer(false);
        try {
            checkTwenty(twentyAtOnce("http://127.0.0.1:" + port(node) + "/", CLIENT_TLS));
        } finally {
            node.destroy();
        }
    }

    @Test
    void talksToStardustsOwnServerOverTlsOnOneSession() throws Exception {
        try (H2TestServer f = H2TestServer.secure((req, res) -> {
            StringBuilder body = new StringBuilder();
            req.setEncoding(StandardCharsets.UTF_8).onData(body::append);
            req.onEnd(() -> {
                res.setHeader("x-session", req.remoteAddress().getPort() + "");
                res.addTrailers(Map.of("x-len", String.valueOf(body.length())));
                res.write(req.method() + " " + req.url() + " ");
                res.end(body.toString());
            });
        })) {
            checkTwenty(twentyAtOnce(f.url("/"), CLIENT_TLS));
            assertEquals(20, f.handlerCalls.get());
        }
    }

    @Test
    void aRefusedConnectionIsTheSessionsErrorAndFailsWaitingRequests() {
        AtomicReference<Throwable> sessionError = new AtomicReference<>();
        AtomicReference<Throwable> requestError = new AtomicReference<>();
        LoopTester.run(t -> {
            HttpServer probe = Http.createServer((req, res) -> res.end());
            probe.listen(0, "127.0.0.1").onSuccess(s -> {
                int port = s.address().port();
                s.close().onSuccess(v -> {
                    Http2Session session = Http2.connect("http://127.0.0.1:" + port + "/");
                    session.onError(t.expect(sessionError::set));
                    ClientRequest req = session.get("/", res -> { });
                    req.on("error", t.expect(requestError::set));
                    session.onClose(t.expect(() -> { }));
                });
            });
        });
        assertEquals("ECONNREFUSED", ((StardustException) sessionError.get()).code());
        assertEquals("ECONNREFUSED", ((StardustException) requestError.get()).code());
    }

    @Test
    void aServerThatDoesNotNegotiateH2IsAnErrHttp2Error() {
        AtomicReference<Throwable> error = new AtomicReference<>();
        LoopTester.run(t -> {
            HttpServer https = dev.stardust.http.Https.createServer(H2TestServer.serverTls(), (req, res) -> res.end());
            https.listen(0, "127.0.0.1").onSuccess(s -> {
                Http2Session session = Http2.connect("https://localhost:" + s.address().port() + "/", CLIENT_TLS);
                session.onError(t.expect(e -> {
                    error.set(e);
                    s.close();
                    s.closeAllConnections();
                }));
            });
        });
        assertEquals("ERR_HTTP2_ERROR", ((StardustException) error.get()).code());
    }
}
