package dev.stardust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.Loop;
import dev.stardust.StardustException;
import dev.stardust.testing.LoopTester;
import dev.stardust.testing.TestCerts;
import dev.stardust.tls.TlsOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTPS: the Stardust server and client together, curl against the server, the client against node's https. */
@org.junit.jupiter.api.Timeout(60)
class HttpsTest {
    static TlsOptions serverTls;
    static TlsOptions clientTls;

    @BeforeAll
    static void certificates() throws Exception {
        serverTls = TlsOptions.defaults().withCert(TestCerts.file("server.crt")).withKey(TestCerts.file("server.key"));
        clientTls = TlsOptions.defaults().withCa(TestCerts.file("ca.crt"));
        javax.net.ssl.SSLContext.getDefault();
    }

    private static void collect(IncomingMessage res, List<String> into) {
        StringBuilder body = new StringBuilder();
        res.setEncoding(StandardCharsets.UTF_8).onData(body::append);
        res.onEnd(() -> into.add(res.statusCode() + " " + body));
    }

    @Test
    void stardustClientAndServerShareHttpSemanticsOverTls() {
        List<String> got = new ArrayList<>();
        LoopTester.run(t -> {
            HttpServer server = Https.createServer(serverTls, (req, res) -> {
                res.writeHead(200, Map.of("Content-Type", "text/plain"));
                res.end("hello " + req.url());
            });
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                int port = s.address().port();
                Https.get("https://localhost:" + port + "/one", clientTls, res -> {
                    collect(res, got);
                    res.onEnd(() -> Https.get("https://localhost:" + port + "/two", clientTls, res2 -> {
                        collect(res2, got);
                        res2.onEnd(() -> server.close());
                    }));
                });
            });
        });
        assertEquals(List.of("200 hello /one", "200 hello /two"), got);
    }

    @Test
    void clientRejectsAServerWithTheWrongNameWithNodesCode() {
        AtomicReference<Throwable> error = new AtomicReference<>();
        LoopTester.run(t -> {
            TlsOptions other = TlsOptions.defaults().withCert(TestCerts.file("other.crt"))
                    .withKey(TestCerts.file("other.key"));
            HttpServer server = Https.createServer(other, (req, res) -> res.end("never"));
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                ClientRequest req = Https.get("https://localhost:" + s.address().port() + "/",
                        clientTls, res -> { });
                req.on("error", t.expect((Throwable e) -> {
                    error.set(e);
                    server.close();
                    server.closeAllConnections();
                }));
            });
        });
        assertEquals("ERR_TLS_CERT_ALTNAME_INVALID", assertInstanceOf(StardustException.class, error.get()).code());
    }

    @Test
    void curlTalksToTheStardustHttpsServer() {
        AtomicReference<String> out = new AtomicReference<>();
        LoopTester.run(t -> {
            HttpServer server = Https.createServer(serverTls, (req, res) -> res.end("curl ok " + req.method()));
            server.listen(0, "127.0.0.1").onSuccess(s -> Loop.current().executeBlocking(() -> {
                Process p = new ProcessBuilder("curl", "-sS", "--max-time", "10", "--cacert",
                        TestCerts.file("ca.crt").toString(),
                        "https://localhost:" + s.address().port() + "/").start();
                String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                        + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor(10, TimeUnit.SECONDS);
                return text;
            }).onComplete((text, err) -> {
                out.set(err != null ? err.toString() : text);
                server.close();
            }));
        });
        assertEquals("curl ok GET", out.get());
    }

    @Test
    void stardustClientTalksToNodeHttps() throws Exception {
        String script = "const https=require('https'),fs=require('fs');"
                + "const s=https.createServer({key:fs.readFileSync(process.argv[1]),cert:fs.readFileSync(process.argv[2])},"
                + "(req,res)=>{res.end('node says hi to '+req.headers.host)});"
                + "s.listen(0,'127.0.0.1',()=>console.log(s.address().port));"
                + "process.stdin.on('end',()=>process.exit(0));process.stdin.resume();";
        Process node = new ProcessBuilder("node", "-e", script, TestCerts.file("server.key").toString(),
                TestCerts.file("server.crt").toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String line = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertTrue(line != null && !line.isBlank(), "node printed its port");
            int port = Integer.parseInt(line.trim());
            List<String> got = new ArrayList<>();
            LoopTester.run(t -> Https.request(Https.options("https://localhost:" + port + "/"), clientTls,
                    t.expect((IncomingMessage res) -> collect(res, got))).end(Buffer.EMPTY));
            assertEquals(List.of("200 node says hi to localhost:" + port), got);
        } finally {
            node.getOutputStream().close();
            node.waitFor(5, TimeUnit.SECONDS);
            node.destroy();
        }
    }
}
