package dev.stardust.examples;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The figures the {@code agent} example reports: CPU use since the previous sample, memory, load, disk and
 * network totals, from Linux's {@code /proc}; elsewhere the subset the JDK knows (load, processors, disk).
 * Reads files with {@link ProcText} (no regular expressions: the agent often runs interpreted), so it runs on
 * the worker pool; one sample at a time.
 */
final class HostMetrics {
    private final Set<String> collectors;
    private long[] previousCpu = new long[0];
    /** The {@code /proc} reader, reused: one sample at a time. */
    private final ProcText text = new ProcText();
    private @Nullable String host;

    /** Figures of the chosen collectors ({@link NodeCollectors#ALL} names). */
    HostMetrics(Set<String> collectors) {
        this.collectors = Set.copyOf(collectors);
    }

    synchronized Map<String, Object> sample() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("time", Instant.now().toString());
        report.put("host", hostName());
        report.put("cpus", Runtime.getRuntime().availableProcessors());
        if (collectors.contains("cpu")) {
            cpu(report);
        }
        if (collectors.contains("memory")) {
            memory(report);
        }
        if (collectors.contains("load")) {
            load(report);
        }
        if (collectors.contains("disk")) {
            File root = new File("/");
            report.put("diskTotalBytes", root.getTotalSpace());
            report.put("diskFreeBytes", root.getUsableSpace());
        }
        if (collectors.contains("network")) {
            network(report);
        }
        agentRss(report);
        return report;
    }

    private String hostName() {
        String name = host;
        if (name == null) {
            // Resolved once: getLocalHost() may ask the resolver, and the name does not change under a running agent.
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                name = "unknown";
            }
            host = name;
        }
        return name;
    }

    /** CPU busy share since the last sample, from the first line of {@code /proc/stat}. */
    private void cpu(Map<String, Object> report) {
        if (!text.load("/proc/stat") || !text.startsWith("cpu ")) {
            return;
        }
        text.field();
        long[] now = new long[10];
        int n = 0;
        while (n < now.length && !text.atEol()) {
            now[n++] = Math.max(0, text.number());
        }
        if (previousCpu.length == now.length) {
            long total = 0;
            long idle = 0;
            for (int i = 0; i < now.length; i++) {
                long delta = now[i] - previousCpu[i];
                total += delta;
                if (i == 3 || i == 4) {
                    idle += delta;
                }
            }
            report.put("cpuPercent", total == 0 ? 0.0 : Math.round(1000.0 * (total - idle) / total) / 10.0);
        }
        previousCpu = now;
    }

    private void memory(Map<String, Object> report) {
        if (!text.load("/proc/meminfo")) {
            return;
        }
        for (; !text.atEnd(); text.nextLine()) {
            boolean total = text.startsWith("MemTotal:");
            if (total || text.startsWith("MemAvailable:")) {
                text.field(':');
                report.put(total ? "memTotalBytes" : "memAvailableBytes", text.number() * 1024);
            }
        }
    }

    private void load(Map<String, Object> report) {
        if (text.load("/proc/loadavg") && !text.atEol()) {
            report.put("load", List.of(Double.parseDouble(text.field()), Double.parseDouble(text.field()),
                    Double.parseDouble(text.field())));
        } else {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            if (load >= 0) {
                report.put("load", List.of(load));
            }
        }
    }

    /** Bytes received and sent over every interface but loopback, from {@code /proc/net/dev}. */
    private void network(Map<String, Object> report) {
        if (!text.load("/proc/net/dev")) {
            return;
        }
        text.nextLine();
        text.nextLine();
        long rx = 0;
        long tx = 0;
        for (; !text.atEnd(); text.nextLine()) {
            String device = text.field(':');
            if (device.isEmpty() || device.equals("lo")) {
                continue;
            }
            long[] values = new long[9];
            for (int i = 0; i < values.length && !text.atEol(); i++) {
                values[i] = text.number();
            }
            rx += Math.max(0, values[0]);
            tx += Math.max(0, values[8]);
        }
        report.put("netRxBytes", rx);
        report.put("netTxBytes", tx);
    }

    private void agentRss(Map<String, Object> report) {
        if (!text.load("/proc/self/status")) {
            return;
        }
        for (; !text.atEnd(); text.nextLine()) {
            if (text.startsWith("VmRSS:")) {
                text.field(':');
                report.put("agentRssBytes", text.number() * 1024);
            }
        }
    }
}
