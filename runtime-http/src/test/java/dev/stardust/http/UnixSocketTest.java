package dev.stardust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.testing.LoopTester;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HTTP over Unix domain sockets, as Docker's API and local daemons speak it: the server's {@code listen(path)} with
 * curl's {@code --unix-socket}, the client's {@code socketPath} against the Stardust server (pooled per path) and
 * against node's {@code http.createServer().listen(path)}.
 */
@org.junit.jupiter.api.Timeout(60)
class UnixSocketTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#domainSocketTransports")
    void curlTalksToTheServerOnAUnixSocket(String transport) throws Exception {
        Path socket = dir.resolve("s.sock");
        try (HttpTestServer f = HttpTestServer.startUnix(transport, socket, (req, res) -> {
            StringBuilder body = new StringBuilder();
            req.onData(body::append);
            req.onEnd(() -> res.end(req.method() + " " + req.url() + " " + body + " from '"
                    + req.remoteAddress().getHostString() + "'\n"));
        })) {
            String out = RealPeersTest.run(List.of("curl", "-sS", "--max-time", "10", "--unix-socket",
                    socket.toString(), "http://localhost/a?b=1", "--next", "--unix-socket", socket.toString(),
                    "--data-binary", "xyz", "http://localhost/post"), 20);
            assertEquals("GET /a?b=1  from ''\nPOST /post xyz from ''\n", out);
            assertEquals(2, f.handlerCalls.get());
            assertEquals("unix", f.tester.call(() -> f.server.address().family()));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#domainSocketTransports")
    void theClientReachesTheServerBySocketPathAndPoolsPerPath(String transport) throws Exception {
        Path socket = dir.resolve("c.sock");
        try (HttpTestServer f = HttpTestServer.startUnix(transport, socket, (req, res) ->
                res.end(req.url() + " " + req.headers().get("host").orElse("?")))) {
            Agent agent = f.tester.call(Agent::create);
            for (int i = 0; i < 3; i++) {
                String path = "/n" + i;
                HttpClientTest.Outcome o = HttpClientTest.fetch(f, () -> Http.get(RequestOptions.defaults()
                        .withSocketPath(socket).withPath(path).withAgent(agent), res -> { })).get(10, TimeUnit.SECONDS);
                assertEquals(new HttpClientTest.Outcome(200, path + " localhost", "", 0), o);
            }
            // One connection served all three, and waits in the pool under the socket's path.
            assertEquals(1, (int) f.tester.call(agent::freeSockets));
            assertEquals(1, (int) f.tester.call(f.server::connections));
            f.tester.call(() -> {
                agent.destroy();
                return null;
            });
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#domainSocketTransports")
    void aMissingSocketIsENOENTAndNioSaysItCannot(String transport) throws Exception {
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> res.end());
                HttpTestServer g = HttpTestServer.startUnix(transport, dir.resolve("g.sock"), (req, res) -> res.end())) {
            java.util.concurrent.CompletableFuture<Throwable> missing = new java.util.concurrent.CompletableFuture<>();
            g.tester.execute(() -> Http.get(RequestOptions.defaults().withSocketPath(dir.resolve("none.sock")),
                    res -> { }).onError(missing::complete));
            Throwable error = missing.get(10, TimeUnit.SECONDS);
            assertEquals("ENOENT", ((dev.stardust.StardustException) error).code(), String.valueOf(error.getCause()));
            assertTrue(error.getMessage().contains("connect ENOENT " + dir.resolve("none.sock")), error.getMessage());
            HttpClientTest.Outcome nio = HttpClientTest.fetch(f, () -> Http.get(RequestOptions.defaults()
                    .withSocketPath(dir.resolve("g.sock")), res -> { })).get(10, TimeUnit.SECONDS);
            assertEquals("ERR_NOT_SUPPORTED", nio.error(), nio.toString());
        }
    }

    @Test
    void theClientTalksToNodesServerOnAUnixSocket() throws Exception {
        String transport = LoopTester.domainSocketTransports().findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(transport != null, "no transport with Unix domain sockets here");
        Path socket = dir.resolve("node.sock");
        File script = File.createTempFile("stardust-node-unix", ".js");
        script.deleteOnExit();
        Files.writeString(script.toPath(), String.join("\n",
                "const http = require('http');",
                "const server = http.createServer((req, res) => {",
                "  res.setHeader('X-Seen', req.method + ' ' + req.url + ' ' + req.headers.host);",
                "  res.write('chunk1 '); setTimeout(() => res.end('chunk2'), 5);",
                "});",
                "server.listen(process.argv[2], () => console.log('listening'));",
                "process.stdin.on('end', () => process.exit(0)); process.stdin.resume();"));
        Process node = new ProcessBuilder("node", script.getAbsolutePath(), socket.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(),
                StandardCharsets.UTF_8));
                HttpTestServer f = HttpTestServer.start(transport, (req, res) -> res.end())) {
            assertEquals("listening", lines.readLine());
            for (int i = 0; i < 2; i++) {
                HttpClientTest.Outcome o = HttpClientTest.fetch(f, () -> Http.get(RequestOptions.defaults()
                        .withSocketPath(socket).withPath("/x"), res -> assertTrue(
                                res.headers().get("x-seen").orElse("").equals("GET /x localhost"))))
                        .get(10, TimeUnit.SECONDS);
                assertEquals(new HttpClientTest.Outcome(200, "chunk1 chunk2", "", 0), o);
            }
            assertEquals(1, (int) f.tester.call(() -> Agent.globalAgent().freeSockets()));
        } finally {
            node.getOutputStream().close();
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }
}
