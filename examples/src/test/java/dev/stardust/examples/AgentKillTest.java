package dev.stardust.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stardust.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable queue for real: a collector and an agent in JVMs of their own, the collector killed (SIGKILL) while the
 * agent reports, then the agent killed too while its reports wait on disk, a new agent on the same spool, a new
 * collector on the same port and file. Every report the agents made must reach the collector's file once: the
 * sequence numbers from 1 to the last, none missing, none twice; then SIGTERM ends the agent with nothing queued.
 */
@Timeout(120)
class AgentKillTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String TOKEN = "s3cret-token-for-the-test";

    @TempDir
    Path tmp;

    @Test
    void everyReportArrivesOnceAfterTheCollectorAndTheAgentAreKilled() throws Exception {
        Path tokenFile = Files.writeString(tmp.resolve("token"), TOKEN + "\n");
        Path spool = tmp.resolve("spool");
        Path received = tmp.resolve("received.jsonl");
        Path out = tmp.resolve("stdout.txt");
        int port = freePort();
        String[] collectorArgs = {Integer.toString(port), "--out", received.toString(), "--token-file",
            tokenFile.toString()};
        String[] agentArgs = {"http://127.0.0.1:" + port + "/", "--interval", "0.1", "--backoff-max", "0.4",
            "--port", "0", "--spool", spool.toString(), "--token-file", tokenFile.toString()};

        try (ChildJvm collector1 = ChildJvm.start("collector", out, Map.of(), collectorArgs);
                ChildJvm agent1 = ChildJvm.start("agent", out, Map.of(), agentArgs)) {
            collector1.awaitLine("collector listening", 30);
            String status1 = agentStatusUrl(agent1);
            awaitJson("http://127.0.0.1:" + port + "/", c -> ((Number) c.get("received")).longValue() >= 5);

            collector1.kill();
            Map<String, Object> queued = awaitJson(status1, c -> ((Number) c.get("queued")).longValue() >= 5);
            agent1.kill(); // with reports on disk only
            long spooledBefore = ((Number) queued.get("queued")).longValue();

            try (ChildJvm agent2 = ChildJvm.start("agent", out, Map.of(), agentArgs)) {
                agent2.awaitLine("reports spooled in .* to send", 30);
                String status2 = agentStatusUrl(agent2);
                awaitJson(status2, c -> ((Number) c.get("queued")).longValue() >= spooledBefore + 5);

                try (ChildJvm collector2 = ChildJvm.start("collector", out, Map.of(), collectorArgs)) {
                    collector2.awaitLine("collector listening", 30);
                    Map<String, Object> drained = awaitJson(status2,
                            c -> ((Number) c.get("queued")).longValue() == 0 && ((Number) c.get("sent")).longValue() > 0);
                    assertEquals(0L, ((Number) drained.get("dropped")).longValue(), drained.toString());
                    assertEquals(0, agent2.terminate(20), agent2.stderr().toString());
                    assertTrue(agent2.stderr().stream().anyMatch(l -> l.matches("agent: SIGTERM, 0 reports left.*")),
                            agent2.stderr().toString());
                    Map<String, Object> collected = json("http://127.0.0.1:" + port + "/");
                    assertEquals(0L, ((Number) collected.get("unauthorized")).longValue(), collected.toString());
                }
            }
        }

        // The collector's file: one agent id, numbers 1..N, each once, and N is what the spool acknowledged last.
        List<Long> seqs = new ArrayList<>();
        Set<Object> agents = new HashSet<>();
        for (String line : Files.readAllLines(received)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> report = (Map<String, Object>) Json.parse(line);
            agents.add(report.get("agent"));
            seqs.add(((Number) report.get("seq")).longValue());
            assertEquals(report.get("agent") + ":" + report.get("seq"), report.get("id"));
        }
        assertEquals(1, agents.size(), agents.toString());
        long last = Long.parseLong(Files.readString(spool.resolve("ack")).trim());
        assertTrue(last > 15, "only " + last + " reports");
        List<Long> expected = new ArrayList<>();
        for (long s = 1; s <= last; s++) {
            expected.add(s);
        }
        assertEquals(expected, seqs, "missing or repeated reports");
    }

    /** The agent's status page, from the line it prints at start. */
    private static String agentStatusUrl(ChildJvm agent) throws InterruptedException {
        return agent.awaitLine("status at (http://\\S+/)", 30).group(1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String url) throws IOException, InterruptedException {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        return (Map<String, Object>) Json.parse(res.body());
    }

    /** Polls a child's JSON page until {@code done} holds, for at most 30 seconds; the last answer. */
    private static Map<String, Object> awaitJson(String url, Predicate<Map<String, Object>> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                Map<String, Object> page = json(url);
                last = page;
                if (done.test(page)) {
                    return page;
                }
            } catch (IOException notYet) {
                last = notYet;
            }
            Thread.sleep(50); // another process's state: polled, bounded by the deadline
        }
        fail(url + " never reached the state awaited; last: " + last);
        return Map.of();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
