package dev.stardust.benchmarks.ws;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The WebSocket echo load generator: for each connection count, opens that many connections, each keeping WINDOW
 * text messages of SIZE bytes in flight (a new one goes out as each echo comes back), and after half a second of
 * settling counts for SECONDS the echoes received and the latency of each (send to echo, in a
 * {@link LatencyHistogram}). One thread and one selector: the generator must cost the machine less than the server.
 * A warm-up at 16 connections comes first, for the JIT of both sides: WARMUP seconds and at least
 * {@value #WARMUP_ECHOES} echoes (up to four times WARMUP), so that a busy machine, which gives the server less CPU
 * per second, still gets it compiled; then a dry pass of 1.5 s over every connection count.
 *
 * <p>Prints one line per connection count: {@code conns window msgs/s p50_us p99_us p999_us max_us srv_cpu% cli_cpu%},
 * the CPU figures being the server's (from {@code /proc/PID/stat}, given its PID; -1 without) and this process's
 * share of one core over the measured window. Exits non-zero on any handshake failure, wrong echo or closed
 * connection, and after a watchdog's deadline if the server stops answering.
 *
 * <p>{@code java -cp stardust-benchmarks.jar dev.stardust.benchmarks.ws.WsLoadClient PORT PATH SIZE WINDOW WARMUP
 * SECONDS CONNS[,CONNS...] [SERVER_PID]}
 */
public final class WsLoadClient implements WsConnection.Echoed {
    private static final long SETTLE_NS = 500_000_000L;
    private static final long WARMUP_ECHOES = 200_000;
    private static final double DRY_SECONDS = 1.5;
    private final int port;
    private final String path;
    private final byte[] payload;
    private final int window;
    private final long serverPid;
    private final LatencyHistogram histogram = new LatencyHistogram();
    private long now;
    private boolean measuring;
    private boolean sending;
    private @org.jspecify.annotations.Nullable WsConnection current;

    private WsLoadClient(int port, String path, int size, int window, long serverPid) {
        this.port = port;
        this.path = path;
        this.payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        this.window = window;
        this.serverPid = serverPid;
    }

    /** See the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            System.err.println("usage: WsLoadClient PORT PATH SIZE WINDOW WARMUP SECONDS CONNS[,CONNS...] [SERVER_PID]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int size = Integer.parseInt(args[2]);
        int window = Integer.parseInt(args[3]);
        double warmup = Double.parseDouble(args[4]);
        double seconds = Double.parseDouble(args[5]);
        int[] conns = Arrays.stream(args[6].split(",")).mapToInt(Integer::parseInt).toArray();
        long pid = args.length > 7 ? Long.parseLong(args[7]) : -1;
        if (size < 1 || size > 65535 || window < 1 || (long) window * (size + 8) > 60 * 1024) {
            System.err.println("SIZE must be 1..65535 and WINDOW * (SIZE + 8) at most 60 KiB (one write buffer)");
            System.exit(2);
        }
        double budget = 4 * warmup + conns.length * (seconds + DRY_SECONDS + 10) + 60;
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep((long) (budget * 1000));
                System.err.println("WsLoadClient: no result after " + budget + " s, giving up");
                System.exit(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        WsLoadClient client = new WsLoadClient(port, args[1], size, window, pid);
        if (warmup > 0) {
            client.run(16, warmup, WARMUP_ECHOES, 4 * warmup);
            // A dry pass over every connection count: without it whichever count came first after the warm-up
            // measured low on a busy machine, for every server (JIT and pools still adjusting to it).
            for (int n : conns) {
                client.run(n, DRY_SECONDS, 0, DRY_SECONDS);
            }
        }
        for (int n : conns) {
            System.out.println(client.run(n, seconds, 0, seconds));
        }
    }

    /**
     * One measurement: {@code connections} connections for {@code seconds} after the settling time, longer if fewer
     * than {@code minEchoes} came back, but never past {@code maxSeconds}.
     */
    private String run(int connections, double seconds, long minEchoes, double maxSeconds) throws IOException {
        List<WsConnection> all = new ArrayList<>();
        Selector selector = Selector.open();
        try {
            for (int i = 0; i < connections; i++) {
                WsConnection c = WsConnection.open(port, path, payload, window);
                c.channel.register(selector, SelectionKey.OP_READ, c);
                all.add(c);
            }
            histogram.reset();
            measuring = false;
            sending = true;
            long start = System.nanoTime();
            for (WsConnection c : all) {
                for (int i = 0; i < window; i++) {
                    c.queueMessage(start);
                }
                flush(c, c.channel.keyFor(selector));
            }
            long from = start + SETTLE_NS;
            long until = from + (long) (seconds * 1e9);
            long hardUntil = from + (long) (Math.max(seconds, maxSeconds) * 1e9);
            long measuredFrom = 0;
            long srvCpu0 = 0;
            long cliCpu0 = 0;
            while (true) {
                now = System.nanoTime();
                if (!measuring && now >= from) {
                    measuring = true;
                    measuredFrom = now;
                    srvCpu0 = serverCpuNanos();
                    cliCpu0 = ownCpuNanos();
                }
                if (now >= until && (histogram.count() >= minEchoes || now >= hardUntil)) {
                    break;
                }
                selector.select(10);
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    step(key);
                }
            }
            double elapsed = (now - measuredFrom) / 1e9;
            long srvCpu = serverCpuNanos() - srvCpu0;
            long cliCpu = ownCpuNanos() - cliCpu0;
            measuring = false;
            sending = false;
            close(selector, all);
            return String.format(java.util.Locale.ROOT, "%d %d %.0f %.1f %.1f %.1f %.1f %.0f %.0f", connections,
                    window, histogram.count() / elapsed, histogram.percentile(50) / 1e3,
                    histogram.percentile(99) / 1e3, histogram.percentile(99.9) / 1e3, histogram.max() / 1e3,
                    serverPid < 0 ? -1 : srvCpu / 1e7 / elapsed, cliCpu / 1e7 / elapsed);
        } finally {
            for (WsConnection c : all) {
                c.channel.close();
            }
            selector.close();
        }
    }

    private void step(SelectionKey key) throws IOException {
        WsConnection c = (WsConnection) key.attachment();
        if (key.isReadable()) {
            current = c;
            if (!c.read(this)) {
                throw new IOException("the server closed a connection");
            }
            if (c.closeReceived) {
                throw new IOException("the server sent a close frame during the run");
            }
        }
        flush(c, key);
    }

    @Override
    public void echoed(long sentAt) {
        if (measuring) {
            histogram.record(now - sentAt);
        }
        if (sending) {
            current.queueMessage(now);
        }
    }

    private static void flush(WsConnection c, SelectionKey key) throws IOException {
        if (c.out.position() > 0) {
            boolean all = c.flush();
            key.interestOps(SelectionKey.OP_READ | (all ? 0 : SelectionKey.OP_WRITE));
        }
    }

    /** The closing handshake on every connection: a close frame out, then echoes and the server's FIN in (3 s max). */
    private void close(Selector selector, List<WsConnection> all) throws IOException {
        for (WsConnection c : all) {
            c.queueClose();
            flush(c, c.channel.keyFor(selector));
        }
        long deadline = System.nanoTime() + 3_000_000_000L;
        int open = all.size();
        while (open > 0 && System.nanoTime() < deadline) {
            selector.select(10);
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                WsConnection c = (WsConnection) key.attachment();
                if (key.isReadable()) {
                    current = c;
                    if (!c.read(this)) {
                        key.cancel();
                        open--;
                        continue;
                    }
                }
                flush(c, key);
            }
        }
    }

    private long serverCpuNanos() {
        if (serverPid < 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime, fields 14 and 15 of the line, in clock ticks of 10 ms (USER_HZ is 100 on Linux).
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
