package dev.stardust.benchmarks.soak;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One look at the soaked process: from outside through /proc (resident memory, open descriptors, threads, CPU time)
 * and from inside through its metrics endpoint (heap after a full GC, timer lag over the last window).
 */
record Sample(double seconds, boolean measured, double rssMb, double heapAfterGcMb, int fds, int threads,
        double lagP99Ms, double lagMaxMs, double cpuSeconds, double machineLoad, long runs, long errors) {

    static final String CSV_HEADER =
            "seconds,phase,rss_mb,heap_after_gc_mb,fds,threads,lag_p99_ms,lag_max_ms,server_cpu_s,loadavg_1m,load_runs,errors";

    String csv() {
        return String.format(java.util.Locale.ROOT, "%.1f,%s,%.2f,%.2f,%d,%d,%.2f,%.2f,%.2f,%.2f,%d,%d", seconds,
                measured ? "measured" : "warmup", rssMb, heapAfterGcMb, fds, threads, lagP99Ms, lagMaxMs, cpuSeconds,
                machineLoad, runs, errors);
    }

    /** Takes a sample of process {@code pid}, whose metrics endpoint listens on {@code metricsPort}. */
    static Sample take(double seconds, boolean measured, long pid, int metricsPort, long runs, long errors)
            throws IOException {
        Map<String, String> status = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                status.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        double rssMb = Long.parseLong(status.get("VmRSS").split(" ")[0]) / 1024.0;
        int threads = Integer.parseInt(status.get("Threads"));
        int fds = fds(pid);
        Map<String, String> inside = metrics(metricsPort);
        return new Sample(seconds, measured, rssMb, Long.parseLong(inside.get("heapAfterGcBytes")) / 1048576.0, fds,
                threads, Long.parseLong(inside.get("lagP99Micros")) / 1000.0,
                Long.parseLong(inside.get("lagMaxMicros")) / 1000.0, cpuSeconds(pid), loadAverage(), runs, errors);
    }

    /** Open descriptors of {@code pid}: the entries of /proc/PID/fd. */
    static int fds(long pid) throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return (int) entries.count();
        }
    }

    /** Threads of {@code pid}, from /proc/PID/status. */
    static int threads(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring(8).trim());
            }
        }
        throw new IOException("no Threads line for " + pid);
    }

    /** The names of the threads of {@code pid} (as the kernel keeps them, 15 characters), sorted, with counts. */
    static String threadNames(long pid) throws IOException {
        java.util.TreeMap<String, Integer> names = new java.util.TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    names.merge(Files.readString(task.resolve("comm")).trim(), 1, Integer::sum);
                } catch (IOException gone) {
                    // the thread ended while listed
                }
            }
        }
        return names.toString();
    }

    /** The machine's one-minute load average: the other work on a shared machine, which moves the lag. */
    static double loadAverage() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    /** User plus system CPU time of {@code pid} in seconds (fields 14 and 15 of /proc/PID/stat, 100 ticks/s). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static Map<String, String> metrics(int port) throws IOException {
        try (Socket s = Wire.connect(port)) {
            Wire.write(s, Wire.get("/metrics", true));
            String body = Wire.expect(new BufferedInputStream(s.getInputStream()), 200, null).body();
            Map<String, String> values = new HashMap<>();
            for (String line : body.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1).trim());
                }
            }
            return values;
        }
    }
}
