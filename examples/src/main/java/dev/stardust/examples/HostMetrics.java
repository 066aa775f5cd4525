package dev.stardust.examples;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The figures the {@code agent} example reports: CPU use since the previous sample, memory, load, disk and
 * network totals, from Linux's {@code /proc}; elsewhere the subset the JDK knows (load, processors, disk).
 * Reads files, so it runs on the worker pool; one sample at a time.
 */
final class HostMetrics {
    private final Set<String> collectors;
    private long[] previousCpu = new long[0];

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

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** CPU busy share since the last sample, from the first line of {@code /proc/stat}. */
    private void cpu(Map<String, Object> report) {
        List<String> stat = lines("/proc/stat");
        if (stat.isEmpty() || !stat.get(0).startsWith("cpu ")) {
            return;
        }
        String[] fields = stat.get(0).trim().split("\\s+");
        long[] now = new long[fields.length - 1];
        for (int i = 1; i < fields.length; i++) {
            now[i - 1] = Long.parseLong(fields[i]);
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

    private static void memory(Map<String, Object> report) {
        for (String line : lines("/proc/meminfo")) {
            String[] parts = line.split("[:\\s]+");
            if (parts.length >= 2 && (parts[0].equals("MemTotal") || parts[0].equals("MemAvailable"))) {
                report.put(parts[0].equals("MemTotal") ? "memTotalBytes" : "memAvailableBytes",
                        Long.parseLong(parts[1]) * 1024);
            }
        }
    }

    private static void load(Map<String, Object> report) {
        List<String> loadavg = lines("/proc/loadavg");
        if (!loadavg.isEmpty()) {
            String[] parts = loadavg.get(0).split("\\s+");
            report.put("load", List.of(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                    Double.parseDouble(parts[2])));
        } else {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            if (load >= 0) {
                report.put("load", List.of(load));
            }
        }
    }

    /** Bytes received and sent over every interface but loopback, from {@code /proc/net/dev}. */
    private static void network(Map<String, Object> report) {
        List<String> dev = lines("/proc/net/dev");
        if (dev.size() <= 2) {
            return;
        }
        long rx = 0;
        long tx = 0;
        for (String line : dev.subList(2, dev.size())) {
            String[] parts = line.trim().split("[:\\s]+");
            if (parts.length >= 10 && !parts[0].equals("lo")) {
                rx += Long.parseLong(parts[1]);
                tx += Long.parseLong(parts[9]);
            }
        }
        report.put("netRxBytes", rx);
        report.put("netTxBytes", tx);
    }

    private static void agentRss(Map<String, Object> report) {
        for (String line : lines("/proc/self/status")) {
            if (line.startsWith("VmRSS:")) {
                report.put("agentRssBytes", Long.parseLong(line.replaceAll("\\D+", "")) * 1024);
            }
        }
    }
}
