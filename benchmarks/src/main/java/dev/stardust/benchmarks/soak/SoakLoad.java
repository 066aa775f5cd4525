package dev.stardust.benchmarks.soak;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's load generator and judge, in a JVM of its own so that its memory never counts as the servers'.
 * Runs the mixed load ({@link Scenarios}) against the process SoakServers started, samples it every few seconds
 * into {@code soak.csv}, and at the end writes {@code soak.svg} and {@code summary.txt} and exits 1 when a request
 * failed, a behaviour got stuck, a metric trended upward, or descriptors or threads did not return to baseline.
 *
 * <p>Phases: warm-up under load (JIT, pools and caches fill; sampled and charted, not judged); a pause in which the
 * idle baseline of descriptors and threads is read; the measured part under load; a final pause in which they must
 * come back to that baseline exactly.
 *
 * <p>Usage: {@code SoakLoad PORTS_FILE OUT_DIR DURATION_S WARMUP_S SAMPLE_S}.
 */
public final class SoakLoad {
    /**
     * The trended metrics and their bounds (rate per hour; rise over the measured part that counts as noise).
     * The load makes about 200 requests a second, 720,000 an hour. Resident memory: the heap is fixed and
     * pre-touched (soak.sh), so RSS moves only with native memory (direct buffers, malloc, code cache, thread
     * stacks); 8 MB/h is 11 bytes per request: any per-request native leak (a buffer, a handle) is larger.
     * Heap after a full GC: 4 MB/h is 6 bytes per request, below the smallest Java object that a leaked entry,
     * listener or promise would hold on to (16 bytes, and a map entry 32+). Descriptors and threads under load
     * vary with the connections in flight, so their trend gets a noise bound of a few and the exact test is the
     * return to the idle baseline at the end. Timer lag (99th percentile per window): a loop whose work per tick
     * grows (a list scanned on each tick, a timer wheel filling) shows as a lag that rises without end; on this
     * shared two-core machine the p99 moves between about 5 and 60 ms with the other builds' load (the charted
     * load average); its trend is therefore fitted with the load average as a second regressor, and bounded by
     * 20 ms/h, two ticks of the 10 ms timer, with a 20 ms floor.
     */
    static final List<Trend> TRENDS = List.of(
            new Trend("RSS", "MB", Sample::rssMb, 8, 12),
            new Trend("heap after GC", "MB", Sample::heapAfterGcMb, 4, 2),
            new Trend("open fds", "fds", Sample::fds, 4, 4),
            new Trend("threads", "thr", Sample::threads, 2, 2),
            new Trend("loop lag p99", "ms", Sample::lagP99Ms, 20, 20, Sample::machineLoad));
    /** Charted for context, never judged: the machine's load average, the other work on a shared machine. */
    static final Trend MACHINE_LOAD = new Trend("machine load", "1-min avg", Sample::machineLoad,
            Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    private static final long STUCK_NANOS = 60_000_000_000L;

    private SoakLoad() {
    }

    /** {@code SoakLoad PORTS_FILE OUT_DIR DURATION_S WARMUP_S SAMPLE_S}; exits 1 on any failure. */
    public static void main(String[] args) throws Exception {
        Scenarios.Ports ports = readPorts(Path.of(args[0]));
        Path out = Path.of(args[1]);
        double duration = Double.parseDouble(args[2]);
        double warmup = Double.parseDouble(args[3]);
        long sampleMs = (long) (Double.parseDouble(args[4]) * 1000);
        Files.createDirectories(out);
        PrintStream log = System.out;
        AtomicLong runs = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicInteger reported = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        double cpuAtStart = Sample.cpuSeconds(ports.pid());
        long pid = ports.pid();
        log.printf(Locale.ROOT, "%s soak: %.0f s (warm-up %.0f s), a sample every %d ms, server pid %d%n",
                Instant.now(), duration, warmup, sampleMs, pid);
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out.resolve("soak.csv")))) {
            csv.println(Sample.CSV_HEADER);
            Load load = Load.start(ports, runs, errors, reported, log);
            log.println("soak: behaviours " + load.names());
            int[] baseline = null;
            String baselineThreads = "";
            double measuredFrom = warmup;
            long next = start;
            while (true) {
                next += sampleMs * 1_000_000;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
                double t = (System.nanoTime() - start) / 1e9;
                Sample s = Sample.take(t, baseline != null, pid, ports.metrics(), runs.get(), errors.get());
                samples.add(s);
                csv.println(s.csv());
                csv.flush();
                String stuck = load.stuck(STUCK_NANOS);
                if (stuck != null) {
                    failures.add("behaviour " + stuck + " did not finish a run for 60 s");
                    break;
                }
                if (baseline == null && t >= warmup) {
                    if (!load.stop()) {
                        failures.add("a behaviour was still running 45 s after the warm-up stopped");
                    }
                    baseline = idle(pid, null);
                    baselineThreads = Sample.threadNames(pid);
                    log.printf(Locale.ROOT, "%s soak: warm-up over after %.0f s; idle baseline %d fds, %d threads;"
                            + " measuring%n", Instant.now(), t, baseline[0], baseline[1]);
                    measuredFrom = (System.nanoTime() - start) / 1e9;
                    load = Load.start(ports, runs, errors, reported, log);
                    next = System.nanoTime();
                } else if (t >= duration) {
                    break;
                }
                if (samples.size() % Math.max(1, 60_000 / sampleMs) == 0) {
                    log.println(Instant.now() + " soak: " + s.csv());
                }
            }
            if (!load.stop()) {
                failures.add("a behaviour was still running 45 s after the load stopped");
            }
            if (baseline != null) {
                int[] end = idle(pid, baseline);
                log.printf(Locale.ROOT, "soak: idle at the end %d fds, %d threads (baseline %d, %d)%n", end[0], end[1],
                        baseline[0], baseline[1]);
                if (end[0] != baseline[0]) {
                    failures.add("open descriptors at rest: " + end[0] + ", baseline " + baseline[0]);
                }
                if (end[1] != baseline[1]) {
                    failures.add("threads at rest: " + end[1] + ", baseline " + baseline[1]);
                }
                log.println("soak: threads at rest now " + Sample.threadNames(pid) + "; at the baseline "
                        + baselineThreads);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            double serverCores = (Sample.cpuSeconds(pid) - cpuAtStart) / elapsed;
            report(out, samples, measuredFrom, failures, runs.get(), errors.get(), elapsed, serverCores, log);
        }
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private static void report(Path out, List<Sample> samples, double measuredFrom, List<String> failures, long runs,
            long errors, double elapsed, double serverCores, PrintStream log) throws IOException {
        List<Sample> measured = samples.stream().filter(Sample::measured).toList();
        List<Trend.Fit> fits = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        summary.append(String.format(Locale.ROOT, "soak of %.0f s: %d behaviour runs, %d errors, %d samples (%d"
                + " measured); CPU on average: servers %.2f cores, load generator %.2f cores%n", elapsed, runs, errors,
                samples.size(), measured.size(), serverCores, Sample.cpuSeconds(ProcessHandle.current().pid()) / elapsed));
        if (errors > 0) {
            failures.add(errors + " behaviour runs failed (see the log)");
        }
        if (measured.size() < 3) {
            failures.add("too few measured samples to fit a trend: " + measured.size());
        } else {
            for (Trend trend : TRENDS) {
                Trend.Fit fit = trend.fit(measured);
                fits.add(fit);
                summary.append(fit.line()).append('\n');
                if (!fit.passed()) {
                    failures.add(trend.name() + " rises: " + fit.line().trim());
                }
            }
            List<Trend.Fit> charted = new ArrayList<>(fits);
            charted.add(MACHINE_LOAD.fit(measured));
            Files.writeString(out.resolve("soak.svg"), SoakChart.svg(String.format(Locale.ROOT,
                    "Stardust soak: %.0f min, hello + https-hello + echo + agent/collector in one JVM", elapsed / 60),
                    samples, charted, measuredFrom));
        }
        summary.append(failures.isEmpty() ? "PASS\n" : "FAIL\n");
        failures.forEach(f -> summary.append("  ").append(f).append('\n'));
        Files.writeString(out.resolve("summary.txt"), summary);
        log.print(summary);
    }

    /**
     * Descriptors and threads at rest: the smallest of 20 readings over two seconds, since the agent keeps
     * sampling /proc on a worker thread and opens a file now and then. With a baseline, retries for up to 30 s
     * until both are back to it (a server closes a connection only once it has seen the peer's FIN or reset).
     */
    private static int[] idle(long pid, int[] baseline) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            int fds = Integer.MAX_VALUE;
            int threads = Integer.MAX_VALUE;
            for (int i = 0; i < 20; i++) {
                Thread.sleep(100);
                fds = Math.min(fds, Sample.fds(pid));
                threads = Math.min(threads, Sample.threads(pid));
            }
            boolean back = baseline != null && fds == baseline[0] && threads == baseline[1];
            if (baseline == null || back || System.nanoTime() > deadline) {
                return new int[] {fds, threads};
            }
        }
    }

    private static Scenarios.Ports readPorts(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] kv = line.split("=", 2);
            values.put(kv[0], kv[1]);
        }
        return new Scenarios.Ports(Long.parseLong(values.get("pid")), port(values, "hello"), port(values, "https"),
                port(values, "echo"), port(values, "collector"), port(values, "agent"), port(values, "metrics"));
    }

    private static int port(Map<String, String> values, String name) {
        return Integer.parseInt(values.get(name));
    }
}
