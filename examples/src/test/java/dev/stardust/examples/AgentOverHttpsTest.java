package dev.stardust.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.LoopOptions;
import dev.stardust.Timer;
import dev.stardust.Timers;
import dev.stardust.http.HttpServer;
import dev.stardust.http.Https;
import dev.stardust.testing.LoopTester;
import dev.stardust.tls.TlsOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The agent reports over TLS to an {@code https://} endpoint it verifies, and refuses one it cannot verify. */
class AgentOverHttpsTest {

    private static void when(BooleanSupplier condition, Runnable then) {
        Timer[] poll = new Timer[1];
        poll[0] = Timers.setInterval(() -> {
            if (condition.getAsBoolean()) {
                poll[0].close();
                then.run();
            }
        }, 20);
    }

    /** Runs an HTTPS collector and an agent trusting {@code ca} until {@code done} holds; returns the agent's counters. */
    private static Map<String, Object> runAgainstHttpsCollector(@Nullable TlsOptions agentTls, List<String> bodies,
            java.util.function.Predicate<Map<String, Object>> done) {
        TlsOptions serverTls = TlsOptions.defaults().withCert(dev.stardust.testing.TestCerts.file("server.crt"))
                .withKey(dev.stardust.testing.TestCerts.file("server.key"));
        List<Map<String, Object>> last = new CopyOnWriteArrayList<>();
        LoopTester.run(LoopOptions.defaults(), Duration.ofSeconds(30), t -> {
            HttpServer collector = Https.createServer(serverTls, (req, res) -> {
                StringBuilder body = new StringBuilder();
                req.setEncoding(java.nio.charset.StandardCharsets.UTF_8).onData(body::append);
                req.onEnd(() -> {
                    bodies.add(body.toString());
                    res.end();
                });
            });
            collector.listen(0, "127.0.0.1").onSuccess(s -> {
                int port = s.address().port();
                HostAgent.start("https://localhost:" + port + "/", agentTls, Duration.ofMillis(100),
                        Duration.ofMillis(200), 8, 0, line -> { }).onSuccess(agent -> when(
                                () -> done.test(agent.counters()), () -> {
                                    last.add(agent.counters());
                                    agent.close();
                                    collector.close();
                                }));
            });
        });
        assertEquals(1, last.size());
        return last.get(0);
    }

    @Test
    void reportsArriveOverTlsWhenTheAgentTrustsTheCollectorsCa() {
        List<String> bodies = new CopyOnWriteArrayList<>();
        TlsOptions trustTestCa = TlsOptions.defaults().withCa(dev.stardust.testing.TestCerts.file("ca.crt"));
        Map<String, Object> counters = runAgainstHttpsCollector(trustTestCa, bodies,
                c -> (Long) c.get("sent") >= 2);
        assertTrue((Long) counters.get("sent") >= 2, counters.toString());
        assertEquals(0L, counters.get("failures"), counters.toString());
        assertTrue(bodies.size() >= 2 && bodies.get(0).startsWith("[{"), bodies.toString());
    }

    @Test
    void anUnverifiableCollectorGetsNothing() {
        List<String> bodies = new CopyOnWriteArrayList<>();
        Map<String, Object> counters = runAgainstHttpsCollector(null, bodies, c -> (Long) c.get("failures") >= 2);
        assertEquals(0L, counters.get("sent"), counters.toString());
        assertTrue(bodies.isEmpty(), bodies.toString());
        assertTrue(String.valueOf(counters.get("lastError")).contains("CERT")
                || String.valueOf(counters.get("lastError")).contains("certif"), counters.toString());
    }
}
