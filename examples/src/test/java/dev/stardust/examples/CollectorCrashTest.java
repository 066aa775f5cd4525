package dev.stardust.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The agent and the collector as real processes: the collector is killed with SIGKILL while the agent reports,
 * stays down long enough for the agent's queue to overflow, and is started again on the same port. The agent must
 * back off (few attempts while it is down, logged once), lose nothing but the reports its documented queue bound
 * made it drop (counted), and deliver every other report once the collector is back.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CollectorCrashTest {
    private static final int QUEUE = 10;
    private static final long INTERVAL_MS = 100;
    private static final long BACKOFF_CAP_MS = 400;
    private static final long OUTAGE_MS = 2_500;
    private static final Pattern LISTENING = Pattern.compile("collector listening at http://localhost:(\\d+)/");
    private static final Pattern STATUS = Pattern.compile("status at http://127\\.0\\.0\\.1:(\\d+)/");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aCollectorKilledAndRestartedLosesOnlyWhatTheQueueBoundDropsAndTheAgentBacksOff() throws Exception {
        try (ExampleProcess first = ExampleProcess.start("collector", "0")) {
            int port = port(first, LISTENING);
            try (ExampleProcess agent = ExampleProcess.start("agent", "http://127.0.0.1:" + port + "/",
                    "--interval", String.valueOf(INTERVAL_MS / 1000.0), "--port", "0", "--queue", String.valueOf(QUEUE),
                    "--backoff-max", String.valueOf(BACKOFF_CAP_MS / 1000.0))) {
                int statusPort = port(agent, STATUS);
                // Warm: reports flow and the queue is drained, so that the outage is the only fault measured.
                awaitStatus(statusPort, s -> num(s, "sent") >= 5 && num(s, "queued") <= 2);
                first.kill();
                Set<String> received = new HashSet<>(times(first));
                Map<String, Object> atKill = status(statusPort);

                // The outage's length is the fault being injected (not a wait for an event): the agent's own
                // timers do the rest.
                agent.await(agent.err, l -> l.contains("sending failed"), 30);
                long downSince = System.nanoTime();
                Thread.sleep(OUTAGE_MS);
                Map<String, Object> beforeRestart = status(statusPort);
                long downMs = (System.nanoTime() - downSince) / 1_000_000;

                try (ExampleProcess second = ExampleProcess.start("collector", String.valueOf(port))) {
                    assertEquals(port, port(second, LISTENING));
                    agent.await(agent.err, l -> l.contains("endpoint is back"), 30);
                    Map<String, Object> after = awaitStatus(statusPort, s -> num(s, "queued") == 0);
                    long collected = num(after, "collected");
                    long dropped = num(after, "dropped");
                    // Nothing is queued: every report not dropped was acknowledged, so a collector printed it before
                    // answering. Its line may still be in the pipe: wait for it, bounded.
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    received.addAll(times(second));
                    while (received.size() < collected - dropped && System.nanoTime() < deadline) {
                        second.awaitCount(second.out, second.out.size() + 1, 30);
                        received.addAll(times(second));
                    }
                    long failures = num(beforeRestart, "failures") - num(atKill, "failures");
                    String context = "at kill " + atKill + ", before restart " + beforeRestart + ", after " + after;
                    // Nothing lost beyond the bound: every report not dropped reached a collector.
                    assertTrue(received.size() >= collected - dropped, received.size() + " distinct reports received; "
                            + context);
                    // The counters add up (a report dropped while its batch was in flight and then delivered is
                    // not counted as dropped), and the queue stayed at its bound while the collector was down.
                    assertEquals(collected, num(after, "sent") + dropped, context);
                    assertEquals(QUEUE, num(beforeRestart, "queued"), context);
                    assertTrue(num(beforeRestart, "dropped") > num(atKill, "dropped"), "the outage overflowed the "
                            + "queue: " + context);
                    // Backoff: without it the agent would retry every interval (about downMs / 100 attempts).
                    long withoutBackoff = downMs / INTERVAL_MS;
                    assertTrue(failures >= 2 && failures <= withoutBackoff / 2, failures + " attempts in " + downMs
                            + " ms down (" + withoutBackoff + " without backoff); " + context);
                    assertEquals(1, agent.err.stream().filter(l -> l.contains("sending failed")).count(),
                            "the outage is logged once: " + agent.err);
                    String back = agent.await(agent.err, l -> l.contains("endpoint is back"), 1);
                    assertTrue(back.matches(".*after \\d+ failed attempts.*"), back);
                }
            }
        }
    }

    private static int port(ExampleProcess p, Pattern pattern) throws InterruptedException {
        String line = p.await(p.err, l -> pattern.matcher(l).find(), 30);
        Matcher m = pattern.matcher(line);
        assertTrue(m.find(), line);
        return Integer.parseInt(m.group(1));
    }

    /** The {@code time} of every report a collector printed: unique per report. */
    private static Set<String> times(ExampleProcess collector) {
        Set<String> times = new HashSet<>();
        for (String line : collector.out) {
            Object time = ((Map<?, ?>) Json.parse(line)).get("time");
            times.add(String.valueOf(time));
        }
        return times;
    }

    private static long num(Map<String, Object> status, String key) {
        return ((Number) status.get(key)).longValue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> status(int statusPort) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statusPort + "/"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return (Map<String, Object>) Json.parse(r.body());
    }

    /** Polls the status page every 50 ms until {@code done} holds, for up to 30 s. */
    private Map<String, Object> awaitStatus(int statusPort, java.util.function.Predicate<Map<String, Object>> done)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Map<String, Object> s = status(statusPort);
        while (!done.test(s)) {
            assertTrue(System.nanoTime() < deadline, "status never settled: " + s);
            Thread.sleep(50);
            s = status(statusPort);
        }
        return s;
    }
}
