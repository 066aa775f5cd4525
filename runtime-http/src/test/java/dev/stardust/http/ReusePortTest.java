package dev.stardust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.StardustException;
import dev.stardust.internal.Transport;
import dev.stardust.testing.LoopTester;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Several loops, one server each, sharing one port through {@code SO_REUSEPORT}: the documented way to use N cores. */
class ReusePortTest {
    private static final HttpServerOptions REUSE = HttpServerOptions.defaults().withReusePort(true);

    static Stream<String> nativeTransports() {
        return Transport.available().stream().filter(t -> t != Transport.NIO).map(Transport::displayName);
    }

    @ParameterizedTest
    @MethodSource("nativeTransports")
    void twoLoopsListeningOnOnePortBothServeRequests(String transport) throws Exception {
        try (HttpTestServer first = HttpTestServer.start(transport, REUSE, 0, answer("loop-0"));
                HttpTestServer second = HttpTestServer.start(transport, REUSE, first.port, answer("loop-1"))) {
            int port = second.port;
            // A new connection per request (the client's pool is bypassed by Connection: close); the kernel hashes
            // each new connection's source port to one of the two listeners, so both answer well within 200 tries.
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            Set<String> answered = new TreeSet<>();
            for (int i = 0; i < 200 && answered.size() < 2; i++) {
                HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .timeout(Duration.ofSeconds(10)).build();
                HttpResponse<String> r = client.send(get, HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode());
                answered.add(r.body());
            }
            assertEquals(first.port, second.port);
            assertEquals(Set.of("loop-0", "loop-1"), answered);
        }
    }

    private static BiConsumer<IncomingMessage, ServerResponse> answer(String name) {
        return (req, res) -> {
            res.writeHead(200, Map.of("Content-Type", "text/plain", "Connection", "close"));
            res.end(name);
        };
    }

    @Test
    void onNioListenThrowsWithAClearCode() {
        try (LoopTester t = LoopTester.start("nio")) {
            // A configuration the transport cannot honour is a programming error: it throws, as a bad port does.
            StardustException cause = assertThrows(StardustException.class,
                    () -> t.call(() -> Http.createServer(REUSE, (req, res) -> res.end()).listen(0, "127.0.0.1")));
            assertEquals("ERR_REUSEPORT_UNSUPPORTED", cause.code());
            assertTrue(cause.getMessage().contains("nio"), cause.getMessage());
        }
    }
}
