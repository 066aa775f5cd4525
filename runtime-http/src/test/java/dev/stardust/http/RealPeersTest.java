package dev.stardust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.testing.LoopTester;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Real peers run as processes, each bounded in time: curl (1.1 and 1.0), ApacheBench and node's http client against
 * the server, and the client against node's http server.
 */
class RealPeersTest {

    static String run(List<String> command, int timeoutSeconds) throws Exception {
        File out = File.createTempFile("stardust-peer", ".out");
        out.deleteOnExit();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
        }
        String text = java.nio.file.Files.readString(out.toPath(), StandardCharsets.ISO_8859_1);
        assertEquals(0, p.exitValue(), command + " failed: " + text);
        return text;
    }

    @Test
    void curlGetsHelloOverHttp11AndHttp10() throws Exception {
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> {
            res.writeHead(200, Map.of("Content-Type", "text/plain"));
            res.end("Hello world\n");
        })) {
            String out11 = run(List.of("curl", "-sS", "-i", "--max-time", "10", f.url("/"), f.url("/again")), 20);
            assertEquals(2, out11.split("HTTP/1.1 200 OK", -1).length - 1, out11);
            assertTrue(out11.endsWith("Hello world\n"), out11);
            String out10 = run(List.of("curl", "-sS", "-i", "--http1.0", "--max-time", "10", f.url("/")), 20);
            assertTrue(out10.contains("Connection: close"), out10);
            assertTrue(out10.endsWith("Hello world\n"), out10);
        }
    }

    @Test
    void curlUploadsAndDownloadsAChunkedStream() throws Exception {
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> {
            List<Integer> sizes = new ArrayList<>();
            req.onData(b -> sizes.add(b.length()));
            req.onEnd(() -> {
                res.write("total=");
                res.end(String.valueOf(sizes.stream().mapToInt(Integer::intValue).sum()));
            });
        })) {
            String out = run(List.of("curl", "-sS", "--max-time", "10", "-H", "Transfer-Encoding: chunked",
                    "--data-binary", "0123456789", f.url("/up")), 20);
            assertEquals("total=10", out);
        }
    }

    @Test
    void apacheBenchCompletes20000RequestsAt20ConnectionsWithZeroFailures() throws Exception {
        try (HttpTestServer f = HttpTestServer.start(LoopTester.transports().findFirst().orElseThrow(), (req, res) -> {
            res.writeHead(200, Map.of("Content-Type", "text/plain"));
            res.end("Hello world\n");
        })) {
            String out = run(List.of("ab", "-q", "-s", "10", "-c", "20", "-n", "20000", f.url("/")), 90);
            assertTrue(out.contains("Complete requests:      20000"), out);
            assertTrue(out.contains("Failed requests:        0"), out);
            assertTrue(!out.contains("Non-2xx"), out);
            assertEquals(20000, f.handlerCalls.get());
        }
    }

    @Test
    void nodesHttpClientTalksToTheServer() throws Exception {
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> {
            StringBuilder body = new StringBuilder();
            req.onData(b -> body.append(b));
            req.onEnd(() -> {
                res.setHeader("X-Echo-Method", req.method());
                res.write("echo:");
                res.end(body.toString());
            });
        })) {
            File script = File.createTempFile("stardust-node-client", ".js");
            script.deleteOnExit();
            java.nio.file.Files.writeString(script.toPath(), String.join("\n",
                    "const http = require('http');",
                    "const agent = new http.Agent({ keepAlive: true });",
                    "let left = 3; const out = [];",
                    "function one(i) {",
                    "  const req = http.request({ port: " + f.port + ", host: '127.0.0.1', method: 'POST', path: '/n' + i, agent },",
                    "    res => { let b = ''; res.setEncoding('utf8'); res.on('data', d => b += d);",
                    "      res.on('end', () => { out.push(res.statusCode + ' ' + res.headers['x-echo-method'] + ' ' + b);",
                    "        if (--left === 0) { console.log(out.join('|')); agent.destroy(); } else { one(i + 1); } }); });",
                    "  req.on('error', e => { console.log('error ' + e.code); process.exit(1); });",
                    "  req.write('part' + i); req.end();",
                    "}",
                    "one(0);"));
            String out = run(List.of("node", script.getAbsolutePath()), 30);
            assertEquals("200 POST echo:part0|200 POST echo:part1|200 POST echo:part2", out.trim());
        }
    }

    @Test
    void theClientTalksToNodesHttpServer() throws Exception {
        File script = File.createTempFile("stardust-node-server", ".js");
        script.deleteOnExit();
        java.nio.file.Files.writeString(script.toPath(), String.join("\n",
                "const http = require('http');",
                "const server = http.createServer((req, res) => {",
                "  let n = 0; req.on('data', d => n += d.length);",
                "  req.on('end', () => { res.setHeader('X-Seen', req.method + ' ' + req.url + ' ' + n);",
                "    res.write('chunk1 '); setTimeout(() => res.end('chunk2'), 5); });",
                "});",
                "server.listen(0, '127.0.0.1', () => console.log(server.address().port));",
                "process.stdin.on('end', () => process.exit(0)); process.stdin.resume();"));
        Process node = new ProcessBuilder("node", script.getAbsolutePath()).redirectErrorStream(true).start();
        try (java.io.BufferedReader lines = new java.io.BufferedReader(
                new java.io.InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
                HttpTestServer f = HttpTestServer.start("nio", (req, res) -> res.end())) {
            String portLine = lines.readLine();
            assertTrue(portLine != null && portLine.matches("\\d+"), "node printed " + portLine);
            String url = "http://127.0.0.1:" + portLine + "/path?q=1";
            for (int i = 0; i < 2; i++) {
                HttpClientTest.Outcome o = HttpClientTest.fetch(f, () -> {
                    ClientRequest r = Http.request(RequestOptions.of(url).withMethod("PUT"), res -> { });
                    r.write("abc");
                    r.end("de");
                    return r;
                }).get(10, TimeUnit.SECONDS);
                assertEquals(new HttpClientTest.Outcome(200, "chunk1 chunk2", "", 0), o);
            }
            HttpClientTest.Outcome head = HttpClientTest.fetch(f,
                    () -> Http.get(RequestOptions.of(url).withMethod("HEAD"), res -> { })).get(10, TimeUnit.SECONDS);
            assertEquals(new HttpClientTest.Outcome(200, "", "", 0), head);
            assertEquals(1, (int) f.tester.call(() -> Agent.globalAgent().freeSockets()));
        } finally {
            node.getOutputStream().close();
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }
}
