package dev.stardust.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.testing.LoopTester;
import dev.stardust.testing.TestCerts;
import dev.stardust.tls.TlsOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sendFile} as a static file server, checked with curl over plain HTTP (zero-copy), HTTPS and with
 * compression on (chunks read on the worker pool): the whole file with its type and validators, a range (206), an
 * unsatisfiable one (416), and 304 for a current copy by {@code If-None-Match} and by {@code If-Modified-Since}.
 */
@org.junit.jupiter.api.Timeout(120)
class StaticFileTest {
    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeAll
    static void warmTls() throws Exception {
        // The JDK's first TLS context takes seconds to make: not on a loop thread, whose blocked-loop check would fire.
        TestCerts.dir();
        javax.net.ssl.SSLContext.getDefault();
    }

    static Stream<Arguments> setups() {
        List<Arguments> all = new ArrayList<>();
        for (String transport : LoopTester.transports().toList()) {
            all.add(Arguments.of("http", transport));
        }
        all.add(Arguments.of("https", "nio"));
        all.add(Arguments.of("compressed", LoopTester.transports().findFirst().orElseThrow()));
        return all.stream();
    }

    private HttpTestServer serve(String setup, String transport, Path file) {
        java.util.function.BiConsumer<IncomingMessage, ServerResponse> handler = (req, res) ->
                res.sendFile(file.toString());
        if (setup.equals("https")) {
            TlsOptions tls = TlsOptions.defaults().withCert(TestCerts.file("server.crt"))
                    .withKey(TestCerts.file("server.key"));
            return HttpTestServer.startHttps(transport, tls, HttpServerOptions.defaults(), handler);
        }
        HttpServerOptions options = setup.equals("compressed") ? HttpServerOptions.defaults().withCompression(1024)
                : HttpServerOptions.defaults();
        return HttpTestServer.start(transport, options, handler);
    }

    private static List<String> curl(String setup, HttpTestServer f, String... args) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
        if (setup.equals("https")) {
            command.addAll(List.of("--cacert", TestCerts.file("ca.crt").toString()));
        }
        if (setup.equals("compressed")) {
            command.add("--compressed");
        }
        command.addAll(Arrays.asList(args));
        command.add(setup.equals("https") ? "https://localhost:" + f.port + "/f" : f.url("/f"));
        return command;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("setups")
    void servesWholeRangesAndConditionals(String setup, String transport) throws Exception {
        byte[] content = new byte[700_000];
        new Random(3).nextBytes(content);
        for (int i = 0; i < content.length; i += 100) {
            content[i] = '\n';
        }
        Path file = Files.write(dir.resolve("page.txt"), content);
        Path body = dir.resolve("body.out");
        try (HttpTestServer f = serve(setup, transport, file)) {
            String head = RealPeersTest.run(curl(setup, f, "-D", "-", "-o", body.toString()), 30);
            assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
            assertTrue(head.contains("Content-Type: text/plain; charset=utf-8\r\n"), head);
            assertTrue(head.contains("Accept-Ranges: bytes\r\n"), head);
            assertArrayEquals(content, Files.readAllBytes(body), setup + " whole body");
            if (setup.equals("compressed")) {
                assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("content-encoding: gzip\r\n"), head);
            } else {
                assertTrue(head.contains("Content-Length: " + content.length + "\r\n"), head);
            }
            String etag = header(head, "ETag");
            String modified = header(head, "Last-Modified");

            String part = RealPeersTest.run(curl(setup, f, "-D", "-", "-o", body.toString(), "--range",
                    "100-65636"), 30);
            assertTrue(part.startsWith("HTTP/1.1 206 Partial Content\r\n"), part);
            assertTrue(part.contains("Content-Range: bytes 100-65636/" + content.length + "\r\n"), part);
            assertArrayEquals(Arrays.copyOfRange(content, 100, 65637), Files.readAllBytes(body));
            RealPeersTest.run(curl(setup, f, "-o", body.toString(), "--range", "-10"), 30);
            assertArrayEquals(Arrays.copyOfRange(content, content.length - 10, content.length),
                    Files.readAllBytes(body));

            String outside = RealPeersTest.run(curl(setup, f, "-D", "-", "-o", body.toString(), "--range",
                    content.length + "-"), 30);
            assertTrue(outside.startsWith("HTTP/1.1 416 "), outside);
            assertTrue(outside.contains("Content-Range: bytes */" + content.length + "\r\n"), outside);

            for (String condition : List.of("If-None-Match: " + etag, "If-Modified-Since: " + modified)) {
                String same = RealPeersTest.run(curl(setup, f, "-D", "-", "-o", body.toString(), "-H", condition),
                        30);
                assertTrue(same.startsWith("HTTP/1.1 304 Not Modified\r\n"), condition + ": " + same);
                assertEquals(0, Files.size(body), condition);
            }
            String stale = RealPeersTest.run(curl(setup, f, "-D", "-", "-o", body.toString(), "-H",
                    "If-None-Match: W/\"other\""), 30);
            assertTrue(stale.startsWith("HTTP/1.1 200 OK\r\n"), stale);
            assertArrayEquals(content, Files.readAllBytes(body));
            assertEquals(List.of(), f.uncaught());
        }
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new AssertionError(name + " missing in " + head);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void aFileNamesItsType(String transport) throws Exception {
        Path file = Files.writeString(dir.resolve("a.JSON"), "{}", StandardCharsets.UTF_8);
        try (HttpTestServer f = serve("http", transport, file)) {
            String head = RealPeersTest.run(List.of("curl", "-sS", "-I", "--max-time", "10", f.url("/")), 20);
            assertTrue(head.contains("Content-Type: application/json\r\n"), head);
            assertTrue(head.contains("Content-Length: 2\r\n"), head);
        }
    }
}
