package dev.stardust.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's settings from a commented JSON file and flags; the token from a file or the environment only. */
class AgentOptionsTest {
    @TempDir
    Path dir;

    @Test
    void aCommentedConfigurationFileSetsEverythingAndFlagsWin() throws IOException {
        Files.writeString(dir.resolve("token"), "from-the-file\n");
        Path config = Files.writeString(dir.resolve("agent.json"), """
                {
                  // where the reports go
                  "endpoint": "https://collector.example:8125/",
                  "interval": 2.5,   /* seconds */
                  "collectors": ["cpu", "load"],
                  "labels": {"env": "prod", "dc": "fra1"},
                  "spool": "spool",
                  "spoolMaxBytes": "4m",
                  "tokenFile": "token",
                  "port": 9100,
                }
                """);
        AgentOptions o = AgentOptions.parse(new String[] {"--config", config.toString(), "--port", "9101"}, Map.of());
        assertEquals("https://collector.example:8125/", o.endpoint);
        assertEquals(Duration.ofMillis(2500), o.interval);
        assertEquals(Set.of("cpu", "load"), o.collectors);
        assertEquals(List.of("env", "dc"), List.copyOf(o.labels.keySet()));
        assertEquals(dir.resolve("spool"), o.spool, "relative to the configuration file");
        assertEquals(4L << 20, o.spoolMaxBytes);
        assertEquals("from-the-file", o.token);
        assertEquals(9101, o.port, "the flag wins");

        AgentOptions flags = AgentOptions.parse(new String[] {"http://other/", "--config", config.toString(),
            "--label", "env=staging", "--collectors", "memory"}, Map.of());
        assertEquals("http://other/", flags.endpoint);
        assertEquals(Map.of("env", "staging"), flags.labels, "flag labels replace the file's");
        assertEquals(Set.of("memory"), flags.collectors);
    }

    @Test
    void theTokenComesFromTheEnvironmentOrAFileButNeverFromTheCommandLine() throws IOException {
        assertEquals("env-token", AgentOptions.parse(new String[] {"http://c/"},
                Map.of(AgentOptions.TOKEN_VARIABLE, "env-token\n")).token);
        Path file = Files.writeString(dir.resolve("t"), "file-token");
        assertEquals("file-token", AgentOptions.parse(new String[] {"http://c/", "--token-file", file.toString()},
                Map.of(AgentOptions.TOKEN_VARIABLE, "env-token")).token, "the file wins");
        assertNull(AgentOptions.parse(new String[] {"http://c/"}, Map.of()).token);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgentOptions.parse(new String[] {"http://c/", "--token", "abc"}, Map.of()));
        assertTrue(e.getMessage().contains("visible to every user"), e.getMessage());
    }

    @Test
    void mistakesAreRefusedWithAMessage() throws IOException {
        Path typo = Files.writeString(dir.resolve("typo.json"), "{\"intervall\": 5}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(
                new String[] {"--config", typo.toString()}, Map.of())).getMessage().contains("unknown setting"));
        assertThrows(IllegalArgumentException.class,
                () -> AgentOptions.parse(new String[] {"--collectors", "cpu,gpu"}, Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> AgentOptions.parse(new String[] {"--label", "__reserved=x"}, Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> AgentOptions.parse(new String[] {"--label", "bad-name=x"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(new String[] {"--interval"}, Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> AgentOptions.parse(new String[] {"--interval", "0"}, Map.of()));
    }

    @Test
    void theOldCommandLineStillWorks() {
        AgentOptions o = AgentOptions.parse(new String[] {"http://127.0.0.1:8125/", "--interval", "5", "--port",
            "8126", "--queue", "1000", "--backoff-max", "30"}, Map.of());
        assertEquals("http://127.0.0.1:8125/", o.endpoint);
        assertEquals(Duration.ofSeconds(5), o.interval);
        assertEquals(1000, o.queue);
        assertEquals(Duration.ofSeconds(30), o.backoffMax);
        assertNull(o.spool);
        assertEquals(NodeCollectors.ALL, o.collectors);
    }

    @Test
    void backoffDoublesToItsCapWithJitterInTheUpperHalf() {
        double[] draws = {0.0, 0.999999};
        for (double draw : draws) {
            Backoff b = new Backoff(100, 1000, () -> draw);
            long[] nominal = {100, 200, 400, 800, 1000, 1000};
            for (long n : nominal) {
                long d = b.next();
                assertTrue(d >= n / 2 && d <= n, d + " for nominal " + n);
            }
            assertEquals(6, b.attempts());
            b.reset();
            assertTrue(b.next() <= 100);
        }
        // Real randomness spreads the delays of a fleet.
        Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(new Backoff(1000, 60_000, Math::random).next());
        }
        assertTrue(seen.size() > 10, seen.toString());
    }
}
