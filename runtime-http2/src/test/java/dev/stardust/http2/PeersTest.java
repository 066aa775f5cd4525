package dev.stardust.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.testing.NodeScript;
import dev.stardust.testing.TestCerts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.io.InputStream;
import java.nio.file.Files;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same HTTP/1.1-style handler served over HTTP/2 to real clients: curl ({@code --http2} over TLS with ALPN,
 * {@code --http2-prior-knowledge} in cleartext, {@code --http1.1} on the same ports), the JDK's HttpClient,
 * node's http2 client and h2load (nghttp2's load generator) with 100 concurrent streams per connection.
 */
@Timeout(60)
class PeersTest {
    @TempDir
    Path dir;

    /** A handler that knows nothing of HTTP/2: what node's compatibility API promises to run unchanged. */
    static void hello(dev.stardust.http.IncomingMessage req, dev.stardust.http.ServerResponse res) {
        res.setHeader("Content-Type", "text/plain");
        res.setHeader("Connection", "keep-alive");
        res.end("hello " + req.method() + " " + req.url() + " over " + req.httpVersion() + "\n");
    }

    @Test
    void curlNegotiatesH2WithAlpnAndFallsBackToHttp11OnTheSamePort() throws Exception {
        try (H2TestServer f = H2TestServer.secure(PeersTest::hello)) {
            String ca = TestCerts.file("ca.crt").toString();
            String h2 = H2TestServer.run(List.of("curl", "-sS", "-i", "--http2", "--cacert", ca, "--max-time", "10",
                    f.url("/a?b=1"), f.url("/second")), 20);
            assertEquals(2, h2.split("HTTP/2 200", -1).length - 1, h2);
            assertTrue(h2.contains("hello GET /a?b=1 over 2.0\n"), h2);
            assertTrue(h2.contains("hello GET /second over 2.0\n"), h2);
            assertTrue(h2.contains("content-length: 26"), h2);
            String h1 = H2TestServer.run(List.of("curl", "-sS", "-i", "--http1.1", "--cacert", ca, "--max-time", "10",
                    f.url("/old")), 20);
            assertTrue(h1.startsWith("HTTP/1.1 200 OK"), h1);
            assertTrue(h1.endsWith("hello GET /old over 1.1\n"), h1);
            assertEquals(3, f.handlerCalls.get());
        }
    }

    @Test
    void curlSpeaksH2cWithPriorKnowledgeAndHttp11OnTheSamePort() throws Exception {
        try (H2TestServer f = H2TestServer.cleartext(PeersTest::hello)) {
            String h2 = H2TestServer.run(List.of("curl", "-sS", "-i", "--http2-prior-knowledge", "--max-time", "10",
                    "-X", "POST", "--data-binary", "0123456789", f.url("/up")), 20);
            assertTrue(h2.startsWith("HTTP/2 200"), h2);
            assertTrue(h2.endsWith("hello POST /up over 2.0\n"), h2);
            String h1 = H2TestServer.run(List.of("curl", "-sS", "-i", "--http1.1", "--max-time", "10",
                    f.url("/old")), 20);
            assertTrue(h1.startsWith("HTTP/1.1 200 OK"), h1);
            assertTrue(h1.endsWith("hello GET /old over 1.1\n"), h1);
        }
    }

    @Test
    void h2loadCompletes2000RequestsAt100ConcurrentStreamsWithZeroFailures() throws Exception {
        try (H2TestServer f = H2TestServer.cleartext(PeersTest::hello)) {
            String out = H2TestServer.run(List.of("h2load", "-c", "2", "-m", "100", "-n", "2000", f.url("/")), 60);
            assertTrue(out.contains("2000 succeeded, 0 failed, 0 errored, 0 timeout"), out);
            assertTrue(out.contains("status codes: 2000 2xx"), out);
            assertEquals(2000, f.handlerCalls.get());
        }
    }

    @Test
    void jdkHttpClientUsesHttp2OverTls() throws Exception {
        try (H2TestServer f = H2TestServer.secure(PeersTest::hello)) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(trustingTestCa())
                    .connectTimeout(Duration.ofSeconds(5)).build();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create(f.url("/jdk/" + i)))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(HttpClient.Version.HTTP_2, res.version());
                assertEquals(200, res.statusCode());
                assertEquals("hello GET /jdk/" + i + " over 2.0\n", res.body());
                assertEquals(List.of("text/plain"), res.headers().allValues("content-type"));
            }
            // One connection carried all three.
            assertEquals(1, (int) f.tester.call(() -> f.server.sessions()));
        }
    }

    @Test
    void nodesHttp2ClientMultiplexesOnOneSession() throws Exception {
        try (H2TestServer f = H2TestServer.secure((req, res) -> {
            StringBuilder body = new StringBuilder();
            req.setEncoding(java.nio.charset.StandardCharsets.UTF_8).onData(body::append);
            req.onEnd(() -> {
                res.writeHead(201, Map.of("x-echo", req.headers().get("x-in").orElse("?")));
                res.end(req.method() + " " + req.url() + " " + body);
            });
        })) {
            String script = """
                    const http2 = require('http2'); const fs = require('fs');
                    const [input, output] = process.argv.slice(1);
                    const port = Number(fs.readFileSync(input, 'utf8'));
                    const session = http2.connect('https://localhost:' + port,
                        { ca: fs.readFileSync(process.env.CA) });
                    const answers = [];
                    let left = 5;
                    for (let i = 0; i < 5; i++) {
                      const req = session.request({ ':method': 'POST', ':path': '/n/' + i, 'x-in': 'v' + i });
                      let status, echo, body = '';
                      req.on('response', h => { status = h[':status']; echo = h['x-echo']; });
                      req.setEncoding('utf8'); req.on('data', d => body += d);
                      req.on('end', () => { answers[i] = status + ' ' + echo + ' ' + body;
                        if (--left === 0) { fs.writeFileSync(output, answers.join('\\n') + '\\n'); session.close(); } });
                      req.end('body' + i);
                    }
                    """;
            List<String> got = nodeWithCa(script, String.valueOf(f.port));
            for (int i = 0; i < 5; i++) {
                assertEquals("201 v" + i + " POST /n/" + i + " body" + i, got.get(i));
            }
        }
    }

    private List<String> nodeWithCa(String script, String input) throws Exception {
        // NodeScript passes no environment of its own: the CA path goes through a file next to the script's input.
        String withCa = script.replace("process.env.CA", "'" + TestCerts.file("ca.crt") + "'");
        return NodeScript.run(dir, withCa, input);
    }

    static SSLContext trustingTestCa() throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(TestCerts.file("ca.crt"))) {
            store.setCertificateEntry("ca",
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
