package dev.stardust.examples;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The host's figures under node_exporter's names and units, read from Linux's {@code /proc} at each scrape:
 * {@code node_cpu_seconds_total{cpu,mode}} and the rest of {@code /proc/stat} (cpu), every {@code /proc/meminfo}
 * field as {@code node_memory_<Field>_bytes} (memory), {@code node_load1/5/15} (load),
 * {@code node_filesystem_{size,free,avail}_bytes{device,mountpoint,fstype}} with node_exporter's default exclusions
 * (disk), {@code node_network_{receive,transmit}_*_total{device}} (network), plus the agent's own
 * {@code process_*} figures. A missing file means an empty section, not an error (the agent also runs off Linux).
 * Blocking file reads and {@code statvfs} calls: runs on the worker pool, one scrape at a time.
 */
final class NodeCollectors {
    /** The collector names the configuration may choose from. */
    static final Set<String> ALL = Set.of("cpu", "memory", "disk", "network", "load");
    /** Linux's USER_HZ: {@code /proc/stat} counts hundredths of a second on every architecture node_exporter knows. */
    private static final String[] CPU_MODES = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};
    private static final String[] NET_FIELDS = {"bytes", "packets", "errs", "drop", "fifo", "frame", "compressed",
        "multicast", "bytes", "packets", "errs", "drop", "fifo", "colls", "carrier", "compressed"};
    /** {@code node_network_receive_bytes_total}... and their help, made once. */
    private static final String[] NET_NAMES = new String[NET_FIELDS.length];
    private static final String[] NET_HELPS = new String[NET_FIELDS.length];

    static {
        for (int f = 0; f < NET_FIELDS.length; f++) {
            String stat = (f < 8 ? "receive_" : "transmit_") + NET_FIELDS[f];
            NET_NAMES[f] = "node_network_" + stat + "_total";
            NET_HELPS[f] = "Network device statistic " + stat + ".";
        }
    }
    /**
     * The {@code --collector.filesystem.mount-points-exclude} default of Debian's node_exporter 1.5 (the one this
     * agent is compared with; upstream's excludes {@code /run/credentials/...} only, not {@code /run}, {@code /mnt},
     * {@code /media}).
     */
    private static final Pattern MOUNTS_EXCLUDED = Pattern.compile(
            "^/(dev|proc|run|sys|mnt|media|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)");
    /** node_exporter 1.5's {@code --collector.filesystem.fs-types-exclude} default. */
    private static final Pattern FSTYPES_EXCLUDED = Pattern.compile("^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs"
            + "|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs"
            + "|selinuxfs|squashfs|sysfs|tracefs)$");

    private final Set<String> enabled;
    private final ProcText text = new ProcText();
    /** Metric names of meminfo fields, kept so that a scrape builds none. */
    private final Map<String, String[]> memNames = new java.util.HashMap<>();
    /** The same for the fields without a unit (HugePages_Total...). */
    private final Map<String, String[]> memCounts = new java.util.HashMap<>();
    /** The mount table last read, and what it made: mount points excluded, deduplicated, with their labels. */
    private String mountsText = "";
    private Map<String, String[]> mounts = Map.of();
    /** The agent's start in hundredths of a second since the epoch, once known. */
    private long startTicks = -1;

    NodeCollectors(Set<String> enabled) {
        this.enabled = Set.copyOf(enabled);
    }

    /** Writes every enabled section and the process figures to {@code out}. */
    synchronized void write(Exposition out) {
        if (enabled.contains("cpu")) {
            cpu(out);
        }
        if (enabled.contains("load")) {
            load(out);
        }
        if (enabled.contains("memory")) {
            memory(out);
        }
        if (enabled.contains("disk")) {
            filesystems(out);
        }
        if (enabled.contains("network")) {
            network(out);
        }
        process(out);
    }

    private void cpu(Exposition out) {
        if (!text.load("/proc/stat")) {
            return;
        }
        List<long[]> guest = new ArrayList<>();
        List<String> guestCpu = new ArrayList<>();
        Map<String, Long> totals = new LinkedHashMap<>();
        boolean header = false;
        for (; !text.atEnd(); text.nextLine()) {
            if (text.startsWith("cpu ")) {
                continue;
            }
            String key = text.field();
            if (key.startsWith("cpu")) {
                if (!header) {
                    out.counter("node_cpu_seconds_total", "Seconds the CPUs spent in each mode.");
                    header = true;
                }
                String cpu = key.substring(3);
                for (String mode : CPU_MODES) {
                    long ticks = text.atEol() ? 0 : text.number();
                    out.sample("node_cpu_seconds_total").label("cpu", cpu).label("mode", mode).hundredths(ticks);
                }
                long[] g = {text.atEol() ? 0 : text.number(), text.atEol() ? 0 : text.number()};
                guest.add(g);
                guestCpu.add(cpu);
            } else if (!text.atEol()) {
                totals.put(key, text.number());
            }
        }
        if (!guest.isEmpty()) {
            out.counter("node_cpu_guest_seconds_total", "Seconds the CPUs spent in guests (VMs) for each mode.");
            for (int i = 0; i < guest.size(); i++) {
                out.sample("node_cpu_guest_seconds_total").label("cpu", guestCpu.get(i)).label("mode", "user")
                        .hundredths(guest.get(i)[0]);
                out.sample("node_cpu_guest_seconds_total").label("cpu", guestCpu.get(i)).label("mode", "nice")
                        .hundredths(guest.get(i)[1]);
            }
        }
        statLine(out, totals, "btime", "node_boot_time_seconds", false, "Node boot time, in unixtime.");
        statLine(out, totals, "ctxt", "node_context_switches_total", true, "Total number of context switches.");
        statLine(out, totals, "processes", "node_forks_total", true, "Total number of forks.");
        statLine(out, totals, "intr", "node_intr_total", true, "Total number of interrupts serviced.");
        statLine(out, totals, "procs_running", "node_procs_running", false, "Number of processes in runnable state.");
        statLine(out, totals, "procs_blocked", "node_procs_blocked", false,
                "Number of processes blocked waiting for I/O to complete.");
    }

    private static void statLine(Exposition out, Map<String, Long> totals, String key, String name, boolean counter,
            String help) {
        Long v = totals.get(key);
        if (v == null || v < 0) {
            return;
        }
        (counter ? out.counter(name, help) : out.gauge(name, help)).sample(name).value(v);
    }

    private void load(Exposition out) {
        if (!text.load("/proc/loadavg") || text.atEol()) {
            return;
        }
        String[] names = {"node_load1", "node_load5", "node_load15"};
        String[] helps = {"1m load average.", "5m load average.", "15m load average."};
        for (int i = 0; i < 3; i++) {
            out.gauge(names[i], helps[i]).sample(names[i]).literal(text.field());
        }
    }

    private void memory(Exposition out) {
        if (!text.load("/proc/meminfo")) {
            return;
        }
        for (; !text.atEnd(); text.nextLine()) {
            String field = text.field(':');
            if (field.isEmpty() || text.atEol()) {
                continue;
            }
            long value = text.number();
            if (value < 0) {
                continue;
            }
            boolean kb = !text.atEol() && text.startsWith("kB");
            String[] name = (kb ? memNames : memCounts).get(field);
            if (name == null) {
                // node_exporter's naming: Active(anon) -> Active_anon, kB fields in bytes with a _bytes suffix.
                String metric = "node_memory_" + field.replace("(", "_").replace(")", "") + (kb ? "_bytes" : "");
                name = new String[] {metric, "Memory information field " + metric.substring(12) + "."};
                (kb ? memNames : memCounts).put(field, name);
            }
            out.gauge(name[0], name[1]).sample(name[0]).value(kb ? value * 1024 : value);
        }
    }

    private void filesystems(Exposition out) {
        if (!text.load("/proc/1/mounts") && !text.load("/proc/self/mounts")) {
            return;
        }
        String table = text.all();
        if (!table.equals(mountsText)) {
            mounts = mounts(table);
            mountsText = table;
        }
        filesystems(out, mounts);
    }

    /** The mount points the {@code /proc/mounts} text lists, the excluded ones left out; parsed when it changes. */
    private Map<String, String[]> mounts(String table) {
        text.rewind();
        // The last mount of a mount point hides the earlier ones; one series per mount point.
        Map<String, String[]> mounts = new LinkedHashMap<>();
        for (; !text.atEnd(); text.nextLine()) {
            String device = unescape(text.field());
            String mountPoint = unescape(text.field());
            String fsType = text.field();
            String options = text.field();
            if (mountPoint.isEmpty() || MOUNTS_EXCLUDED.matcher(mountPoint).find()
                    || FSTYPES_EXCLUDED.matcher(fsType).matches()) {
                continue;
            }
            mounts.remove(mountPoint);
            mounts.put(mountPoint, new String[] {device, fsType, (options + ",").startsWith("ro,") ? "1" : "0"});
        }
        return mounts;
    }

    private void filesystems(Exposition out, Map<String, String[]> mounts) {
        List<long[]> sizes = new ArrayList<>();
        List<String> points = new ArrayList<>();
        for (Map.Entry<String, String[]> m : mounts.entrySet()) {
            File root = new File(m.getKey());
            long size = root.getTotalSpace();
            if (size <= 0) {
                continue; // gone, or not a file system statvfs can describe (node_exporter skips it too)
            }
            sizes.add(new long[] {size, root.getFreeSpace(), root.getUsableSpace()});
            points.add(m.getKey());
        }
        String[][] families = {
            {"node_filesystem_size_bytes", "Filesystem size in bytes."},
            {"node_filesystem_free_bytes", "Filesystem free space in bytes."},
            {"node_filesystem_avail_bytes", "Filesystem space available to non-root users in bytes."},
            {"node_filesystem_readonly", "Filesystem read-only status."}};
        if (points.isEmpty()) {
            return;
        }
        for (int f = 0; f < families.length; f++) {
            out.gauge(families[f][0], families[f][1]);
            for (int i = 0; i < points.size(); i++) {
                String[] m = mounts.get(points.get(i));
                out.sample(families[f][0]).label("device", m[0]).label("fstype", m[1])
                        .label("mountpoint", points.get(i));
                if (f < 3) {
                    out.value(sizes.get(i)[f]);
                } else {
                    out.literal(m[2]);
                }
            }
        }
    }

    /** Undoes {@code /proc/mounts}'s octal escapes ({@code \040} for a space, {@code \011}, {@code \012}, {@code \134}). */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder b = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                b.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    private void network(Exposition out) {
        if (!text.load("/proc/net/dev")) {
            return;
        }
        text.nextLine();
        text.nextLine();
        List<String> devices = new ArrayList<>();
        List<long[]> stats = new ArrayList<>();
        for (; !text.atEnd(); text.nextLine()) {
            String device = text.field(':');
            if (device.isEmpty()) {
                continue;
            }
            long[] values = new long[NET_FIELDS.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = text.atEol() ? 0 : text.number();
            }
            devices.add(device);
            stats.add(values);
        }
        if (devices.isEmpty()) {
            return;
        }
        for (int f = 0; f < NET_FIELDS.length; f++) {
            String name = NET_NAMES[f];
            out.counter(name, NET_HELPS[f]);
            for (int d = 0; d < devices.size(); d++) {
                out.sample(name).label("device", devices.get(d)).value(stats.get(d)[f]);
            }
        }
    }

    /** The agent's own CPU and memory, as every Prometheus client library exports them, from {@code /proc/self}. */
    private void process(Exposition out) {
        if (text.load("/proc/self/stat")) {
            // Field 2, the command, is in parentheses and may hold blanks: split after its closing parenthesis.
            String line = text.line();
            int close = line.lastIndexOf(')');
            String[] fields = close < 0 ? new String[0] : line.substring(close + 1).trim().split(" ");
            // fields[0] is field 3 (state): utime is field 14, stime 15, starttime 22.
            if (fields.length >= 20) {
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                out.counter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.")
                        .sample("process_cpu_seconds_total").hundredths(ticks);
                if (startTicks < 0) {
                    startTicks = Long.parseLong(fields[19]) + 100 * bootTime();
                }
                out.gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.")
                        .sample("process_start_time_seconds").hundredths(startTicks);
            }
        }
        if (text.load("/proc/self/status")) {
            for (; !text.atEnd(); text.nextLine()) {
                boolean rss = text.startsWith("VmRSS:");
                if (rss || text.startsWith("VmSize:")) {
                    text.field(':');
                    String name = rss ? "process_resident_memory_bytes" : "process_virtual_memory_bytes";
                    out.gauge(name, rss ? "Resident memory size in bytes." : "Virtual memory size in bytes.")
                            .sample(name).value(text.number() * 1024);
                }
            }
        }
    }

    private long bootTime() {
        ProcText stat = new ProcText();
        if (stat.load("/proc/stat")) {
            for (; !stat.atEnd(); stat.nextLine()) {
                if (stat.startsWith("btime ")) {
                    stat.field();
                    return stat.number();
                }
            }
        }
        return 0;
    }
}
