package dev.stardust.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.LoopOptions;
import dev.stardust.Timer;
import dev.stardust.Timers;
import dev.stardust.http.Http;
import dev.stardust.json.Json;
import dev.stardust.testing.LoopTester;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The agent against the collector on loopback: reports flow, the collector goes away long enough for the agent's
 * bounded queue to overflow, comes back on the same port, and the reports resume with the queue bounded.
 */
class AgentCollectorTest {
    private static final int QUEUE = 4;

    /** Calls {@code then} once {@code condition} holds, checking every 20 ms. */
    private static void when(BooleanSupplier condition, Runnable then) {
        Timer[] poll = new Timer[1];
        poll[0] = Timers.setInterval(() -> {
            if (condition.getAsBoolean()) {
                poll[0].close();
                then.run();
            }
        }, 20);
    }

    @Test
    void reportsResumeAfterTheCollectorComesBackAndTheQueueStaysBounded() {
        List<String> reports = new CopyOnWriteArrayList<>();
        List<String> log = new CopyOnWriteArrayList<>();
        List<Object> finalStatus = new ArrayList<>();
        long[] seenWhileDown = new long[1];
        LoopTester.run(LoopOptions.defaults(), Duration.ofSeconds(30), t -> Collector.start("127.0.0.1", 0,
                reports::add).onSuccess(first -> {
                    int port = first.port();
                    HostAgent.start("http://127.0.0.1:" + port + "/", Duration.ofMillis(100), Duration.ofMillis(200),
                            QUEUE, 0, log::add).onSuccess(agent -> when(() -> reports.size() >= 3, () -> {
                                first.close();
                                when(() -> ((Long) agent.counters().get("dropped")) >= 2, () -> {
                                    seenWhileDown[0] = reports.size();
                                    assertTrue((Integer) agent.counters().get("queued") <= QUEUE);
                                    Collector.start("127.0.0.1", port, reports::add).onSuccess(second -> when(
                                            () -> second.received() >= 3, () -> readStatus(agent, status -> {
                                                finalStatus.add(status);
                                                agent.close();
                                                second.close();
                                            })));
                                });
                            }));
                }));
        assertEquals(1, finalStatus.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) finalStatus.get(0);
        assertTrue((Long) status.get("dropped") >= 2, status.toString());
        assertTrue((Long) status.get("queued") <= QUEUE, status.toString());
        assertTrue((Long) status.get("failures") >= 1, status.toString());
        assertTrue(reports.size() >= seenWhileDown[0] + 3, reports.size() + " reports");
        assertTrue(log.stream().anyMatch(l -> l.contains("endpoint is back")), log.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) Json.parse(reports.get(reports.size() - 1));
        assertTrue(report.containsKey("time") && report.containsKey("diskTotalBytes"), report.toString());
        if (new java.io.File("/proc/meminfo").exists()) {
            assertTrue(report.containsKey("memAvailableBytes") && report.containsKey("load")
                    && report.containsKey("cpuPercent"), report.toString());
        }
    }

    private static void readStatus(HostAgent agent, java.util.function.Consumer<Object> onStatus) {
        Http.get("http://127.0.0.1:" + agent.statusPort() + "/", res -> {
            List<Buffer> body = new ArrayList<>();
            res.onData(body::add);
            res.onEnd(() -> onStatus.accept(Json.parse(Buffer.concat(body).toByteArray())));
        });
    }
}
