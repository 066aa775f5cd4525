package dev.stardust.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stardust.Loop;
import dev.stardust.json.Json;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent scraped by a real Prometheus (Debian's {@code prometheus}, which {@code .ci/run} installs): a server of
 * our own on an ephemeral port with a temporary configuration and data directory scrapes the agent every second,
 * and its query API must show the series under node_exporter's names with values that agree with {@code /proc}.
 * Also: {@code promtool check metrics} parses the text format and finds nothing but node_exporter's own names.
 */
@Timeout(90)
class PrometheusScrapeTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** A label value with every character the format escapes. */
    private static final String ODD_VALUE = "a \"quoted\" back\\slash";

    @TempDir
    Path tmp;
    private Loop loop;
    private HostAgent agent;
    private java.lang.Process prometheus;
    private String api;

    @BeforeEach
    void startAgent() throws Exception {
        loop = Loop.start();
        AgentOptions options = new AgentOptions();
        options.port = 0;
        options.interval = Duration.ofSeconds(1);
        options.labels.put("env", "ci");
        options.labels.put("note", ODD_VALUE);
        agent = loop.submitPromise(() -> HostAgent.start(options, line -> { })).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        loop.submitPromise(agent::close).get(10, TimeUnit.SECONDS);
        loop.close().get(10, TimeUnit.SECONDS);
    }

    @Test
    void prometheusScrapesTheAgentAndTheSeriesAgreeWithProc() throws Exception {
        startPrometheus(agent.statusPort());
        // Prometheus asks for OpenMetrics first: a scrape it can parse (up == 1) checks the # EOF and _total forms.
        List<Map<String, Object>> up = waitFor("up{job=\"stardust\"}", r -> !r.isEmpty() && value(r.get(0)) == 1);
        assertEquals(1, up.size());
        assertFalse(query("stardust_agent_scrapes_total{format=\"openmetrics\"} > 0").isEmpty(),
                "Prometheus negotiated the text format, not OpenMetrics");

        long memTotal = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                memTotal = Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
            }
        }
        List<Map<String, Object>> mem = query("node_memory_MemTotal_bytes");
        assertEquals(1, mem.size(), mem.toString());
        assertEquals(memTotal, (long) value(mem.get(0)));
        assertFalse(query("node_memory_MemAvailable_bytes > 0").isEmpty());

        // The configured labels are on every series, the odd value intact through both escapings.
        @SuppressWarnings("unchecked")
        Map<String, Object> labels = (Map<String, Object>) mem.get(0).get("metric");
        assertEquals("ci", labels.get("env"));
        assertEquals(ODD_VALUE, labels.get("note"));
        // (up and scrape_* are Prometheus's own series about the scrape.)
        assertTrue(query("{job=\"stardust\", env!=\"ci\", __name__!~\"up|scrape_.*\"}").isEmpty(),
                "a series without the label");
        assertTrue(query("count({job=\"stardust\", env=\"ci\"}) > 100").size() == 1, "too few series");

        double load = value(query("node_load1").get(0));
        double procLoad = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        assertEquals(procLoad, load, Math.max(1.0, 0.2 * procLoad), "node_load1 against /proc/loadavg");
        assertEquals(3, query("{__name__=~\"node_load(1|5|15)\"}").size());

        long cpuLines = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.matches("cpu\\d+ .*")).count();
        assertEquals(8 * cpuLines, query("node_cpu_seconds_total").size(), "8 modes per CPU");
        assertFalse(query("node_filesystem_avail_bytes{mountpoint=\"/\"} > 0").isEmpty());
        assertFalse(query("node_filesystem_size_bytes{mountpoint=\"/\"} > 0").isEmpty());
        assertFalse(query("node_network_receive_bytes_total{device=\"lo\"}").isEmpty());
        assertFalse(query("process_resident_memory_bytes > 0").isEmpty());

        // CPU counters increase from one scrape to a later one.
        double before = value(query("sum(node_cpu_seconds_total)").get(0));
        double scrapes = value(query("sum(stardust_agent_scrapes_total)").get(0));
        waitFor("sum(stardust_agent_scrapes_total) >= " + (scrapes + 2), r -> !r.isEmpty());
        double after = value(query("sum(node_cpu_seconds_total)").get(0));
        assertTrue(after > before, before + " then " + after);
    }

    @Test
    void promtoolParsesTheTextFormatAndFindsOnlyNodeExportersOwnNames() throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + agent.statusPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", res.headers().firstValue("content-type").orElse(""));
        Path file = tmp.resolve("metrics.txt");
        Files.writeString(file, res.body());
        java.lang.Process check = new ProcessBuilder(binary("promtool"), "check", "metrics").redirectErrorStream(true)
                .redirectInput(file.toFile()).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        // node_exporter's meminfo names (node_memory_MemTotal_bytes...) are camelCase; promtool lints them, and
        // nothing else: a parse error or another lint would show here.
        for (String line : out.split("\n")) {
            assertTrue(line.isBlank() || line.matches("node_memory_\\w+ metric names should be written in 'snake_case'"
                    + " not 'camelCase'"), out);
        }
        assertTrue(res.body().contains("node_memory_MemTotal_bytes{env=\"ci\",note=\"a \\\"quoted\\\" back\\\\slash\"}"),
                res.body());
    }

    private void startPrometheus(int agentPort) throws Exception {
        Path config = tmp.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: stardust
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(agentPort));
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            api = "http://127.0.0.1:" + port;
            prometheus = new ProcessBuilder(binary("prometheus"), "--config.file=" + config,
                    "--storage.tsdb.path=" + tmp.resolve("data-" + attempt), "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn").redirectErrorStream(true).redirectOutput(tmp.resolve("prometheus.log").toFile())
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (prometheus.isAlive() && System.nanoTime() < deadline) {
                if (status(api + "/-/ready") == 200) {
                    return;
                }
                Thread.sleep(100); // polling a process we do not control, bounded by the deadline
            }
            prometheus.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        fail("prometheus did not start: " + Files.readString(tmp.resolve("prometheus.log")));
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The result vector of an instant query. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> query(String promql) throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode(), res.body());
        Map<String, Object> body = (Map<String, Object>) Json.parse(res.body());
        return (List<Map<String, Object>>) ((Map<String, Object>) body.get("data")).get("result");
    }

    /** Polls {@code promql} until {@code done} holds, for at most 30 seconds. */
    private List<Map<String, Object>> waitFor(String promql, Predicate<List<Map<String, Object>>> done)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<Map<String, Object>> result = List.of();
        while (System.nanoTime() < deadline) {
            result = query(promql);
            if (done.test(result)) {
                return result;
            }
            Thread.sleep(200); // Prometheus scrapes on its own clock; the deadline bounds the wait
        }
        fail(promql + " never held; last result " + result + "\n"
                + Files.readString(tmp.resolve("prometheus.log")));
        return result;
    }

    private static double value(Map<String, Object> sample) {
        return Double.parseDouble(String.valueOf(((List<?>) sample.get("value")).get(1)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The path of a peer program; fails (CI installs it) when missing. */
    static String binary(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        fail(name + " is not installed: .ci/run installs it (Debian package prometheus)");
        return name;
    }
}
