package dev.stardust.http;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Loop;
import dev.stardust.LoopOptions;
import dev.stardust.StardustException;
import dev.stardust.internal.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentLinkedQueue;
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
        ConcurrentLinkedQueue<Throwable> uncaught = new ConcurrentLinkedQueue<>();
        List<Loop> loops = new ArrayList<>();
        List<HttpServer> servers = new ArrayList<>();
        try {
            int port = 0;
            for (int i = 0; i < 2; i++) {
                Loop loop = Loop.start(LoopOptions.defaults().withTransport(transport)
                        .withUncaughtExceptionHandler(uncaught::add));
                loops.add(loop);
                String name = "loop-" + i;
                int listenPort = port;
                HttpServer server = loop.submit(() -> Http.createServer(REUSE, (req, res) -> {
                    res.writeHead(200, Map.of("Content-Type", "text/plain", "Connection", "close"));
                    res.end(name);
                })).get(10, SECONDS);
                servers.add(server);
                loop.submit(() -> server.listen(listenPort, "127.0.0.1").toCompletableFuture()).get(10, SECONDS)
                        .get(10, SECONDS);
                port = loop.submit(() -> server.address().port()).get(10, SECONDS);
            }
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
            assertEquals(Set.of("loop-0", "loop-1"), answered);
            assertEquals(List.of(), List.copyOf(uncaught));
        } finally {
            for (int i = 0; i < loops.size(); i++) {
                Loop loop = loops.get(i);
                if (i < servers.size()) {
                    HttpServer server = servers.get(i);
                    loop.submit(() -> {
                        server.closeAllConnections();
                        return server.close().toCompletableFuture();
                    }).get(10, SECONDS).get(10, SECONDS);
                }
                loop.close().get(10, SECONDS);
            }
        }
    }

    @Test
    void onNioListenThrowsWithAClearCode() throws Exception {
        Loop loop = Loop.start(LoopOptions.defaults().withTransport("nio"));
        try {
            // A configuration the transport cannot honour is a programming error: it throws, as a bad port does.
            ExecutionException failed = assertThrows(ExecutionException.class, () -> loop.submit(() ->
                    Http.createServer(REUSE, (req, res) -> res.end()).listen(0, "127.0.0.1")).get(10, SECONDS));
            StardustException cause = assertInstanceOf(StardustException.class, failed.getCause());
            assertEquals("ERR_REUSEPORT_UNSUPPORTED", cause.code());
            assertTrue(cause.getMessage().contains("nio"), cause.getMessage());
        } finally {
            loop.close().get(10, SECONDS);
        }
    }
}
