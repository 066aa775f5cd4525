package dev.stardust.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Loop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector against the JDK's HTTP client: the bearer token, duplicates dropped by agent and sequence number,
 * within a batch, across batches and across a restart on the same output file; and an agent without the token
 * getting 401s it reports.
 */
class CollectorTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private Loop loop;

    @BeforeEach
    void start() {
        loop = Loop.start();
    }

    @AfterEach
    void stop() throws Exception {
        loop.close().get(10, TimeUnit.SECONDS);
    }

    private static int post(int port, String token, String body) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(5));
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String report(String agent, long seq) {
        return "{\"id\":\"" + agent + ":" + seq + "\",\"agent\":\"" + agent + "\",\"seq\":" + seq + "}";
    }

    @Test
    void tokenRequiredAndDuplicatesDroppedEvenAcrossARestart() throws Exception {
        String out = dir.resolve("reports.jsonl").toString();
        List<String> printed = new CopyOnWriteArrayList<>();
        Collector first = loop.submitPromise(() -> Collector.start("127.0.0.1", 0, "t0ken", out, printed::add))
                .get(10, TimeUnit.SECONDS);
        int port = first.port();
        assertEquals(401, post(port, null, "[" + report("a", 1) + "]"));
        assertEquals(401, post(port, "wrong", "[" + report("a", 1) + "]"));
        assertEquals(204, post(port, "t0ken", "[" + report("a", 1) + "," + report("a", 2) + "," + report("a", 2)
                + "," + report("b", 1) + "]"));
        assertEquals(204, post(port, "t0ken", "[" + report("a", 2) + "," + report("a", 3) + "]"));
        assertEquals(204, post(port, "t0ken", "{\"legacy\":true}"));
        assertEquals(5, first.received());
        assertEquals(2, first.duplicates());
        loop.submitPromise(first::close).get(10, TimeUnit.SECONDS);

        // A half-written last line, as a collector killed while appending leaves it.
        Files.writeString(Path.of(out), "{\"id\":\"a:4\",\"ag", java.nio.file.StandardOpenOption.APPEND);
        Collector second = loop.submitPromise(() -> Collector.start("127.0.0.1", port, "t0ken", out, printed::add))
                .get(10, TimeUnit.SECONDS);
        assertEquals(204, post(port, "t0ken", "[" + report("a", 3) + "," + report("a", 4) + "]"));
        assertEquals(1, second.received());
        assertEquals(1, second.duplicates());
        loop.submitPromise(second::close).get(10, TimeUnit.SECONDS);

        List<String> lines = Files.readAllLines(Path.of(out));
        assertEquals(List.of(report("a", 1), report("a", 2), report("b", 1), report("a", 3), "{\"legacy\":true}",
                report("a", 4)), lines);
        assertEquals(lines, printed);
    }

    @Test
    void anAgentWithoutTheTokenCountsFailuresAndSaysWhy() throws Exception {
        Collector collector = loop.submitPromise(() -> Collector.start("127.0.0.1", 0, "t0ken", null, r -> { }))
                .get(10, TimeUnit.SECONDS);
        AgentOptions options = new AgentOptions();
        options.endpoint = "http://127.0.0.1:" + collector.port() + "/";
        options.interval = Duration.ofMillis(50);
        options.backoffMax = Duration.ofMillis(100);
        options.port = 0;
        List<String> log = new CopyOnWriteArrayList<>();
        HostAgent agent = loop.submitPromise(() -> HostAgent.start(options, log::add)).get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (loop.submit(agent::failures).get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20); // the agent retries on its own timers
        }
        String lastError = String.valueOf(loop.submit(() -> agent.counters().get("lastError")).get());
        assertTrue(lastError.contains("HTTP 401") && lastError.contains("token"), lastError);
        assertEquals(0, collector.received());
        assertTrue(log.stream().anyMatch(l -> l.contains("HTTP 401")), log.toString());
        loop.submitPromise(agent::close).get(10, TimeUnit.SECONDS);
        loop.submitPromise(collector::close).get(10, TimeUnit.SECONDS);
    }
}
