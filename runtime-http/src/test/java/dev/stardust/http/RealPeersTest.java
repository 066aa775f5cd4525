package dev.stardust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server against real clients run as processes: curl (1.1 and 1.0). Each is bounded in time. */
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
        try (ServerFixture f = ServerFixture.start("nio", (req, res) -> {
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
        try (ServerFixture f = ServerFixture.start("nio", (req, res) -> {
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
}
