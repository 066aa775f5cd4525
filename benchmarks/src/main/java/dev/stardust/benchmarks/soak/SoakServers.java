package dev.stardust.benchmarks.soak;

import dev.stardust.Loop;
import dev.stardust.Timers;
import dev.stardust.examples.AgentExample;
import dev.stardust.examples.CollectorExample;
import dev.stardust.examples.EchoExample;
import dev.stardust.examples.Example;
import dev.stardust.examples.HelloExample;
import dev.stardust.examples.HttpsHelloExample;
import dev.stardust.http.Http;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The soaked process: the examples users run ({@code hello}, {@code https-hello}, {@code echo}, {@code collector}
 * and an {@code agent} reporting to it every 0.2 s), each unchanged on a loop of its own in this one JVM, so that one
 * RSS, one descriptor table and one heap hold them all. A probe loop next to them serves
 * {@code GET /metrics} on loopback: heap after a full GC and the lag of a 10 ms repeating timer since the last call.
 *
 * <p>The lag timer runs on its own loop, not inside the examples' loops (their code is used as shipped, and a loop
 * accepts work only from its own thread or a host's handle): it sees what every loop in the process sees, GC pauses,
 * safepoints and CPU starvation. A slow serving loop shows in the load generator's latencies instead.
 *
 * <p>Usage: {@code SoakServers PORTS_FILE CERT KEY}; writes {@code name=port} lines to PORTS_FILE once every server accepts.
 */
public final class SoakServers {
    private static final long TICK_MS = 10;

    private SoakServers() {
    }

    /** {@code SoakServers PORTS_FILE CERT KEY}: starts the servers and runs until killed. */
    public static void main(String[] args) throws Exception {
        Path portsFile = Path.of(args[0]);
        String cert = args[1];
        String key = args[2];
        int hello = freePort();
        int https = freePort();
        int echo = freePort();
        int collector = freePort();
        int agent = freePort();
        int metrics = freePort();
        start(new HelloExample(), String.valueOf(hello), "127.0.0.1");
        start(new HttpsHelloExample(), String.valueOf(https), "--host", "127.0.0.1", "--cert", cert, "--key", key);
        start(new EchoExample(), String.valueOf(echo), "127.0.0.1");
        start(new CollectorExample(), String.valueOf(collector));
        awaitListening(collector); // else the agent's first report fails and its failure counter is not 0
        start(new AgentExample(), "http://127.0.0.1:" + collector + "/", "--interval", "0.2", "--port",
                String.valueOf(agent));
        Thread probe = new Thread(() -> Loop.run(() -> probe(metrics)), "soak-probe");
        probe.start();
        Map<String, Integer> ports = Map.of("hello", hello, "https", https, "echo", echo, "collector", collector,
                "agent", agent, "metrics", metrics);
        for (int port : ports.values()) {
            awaitListening(port);
        }
        StringBuilder lines = new StringBuilder("pid=" + ProcessHandle.current().pid() + "\n");
        ports.forEach((name, port) -> lines.append(name).append('=').append(port).append('\n'));
        Path partial = portsFile.resolveSibling(portsFile.getFileName() + ".tmp");
        Files.writeString(partial, lines.toString());
        Files.move(partial, portsFile);
        probe.join();
    }

    /** Runs an example as its launcher would, on a thread of its own; an example that ends ends the soak. */
    private static void start(Example example, String... args) {
        Thread thread = new Thread(() -> {
            try {
                example.run(args);
            } catch (Exception e) {
                e.printStackTrace();
            }
            System.err.println("soak: example " + example.name() + " " + Arrays.toString(args) + " ended");
            System.exit(3);
        }, "soak-" + example.name());
        thread.start();
    }

    private static void probe(int port) {
        LagMeter lag = new LagMeter();
        Timers.setInterval(lag::tick, TICK_MS);
        injectLeaks();
        Loop loop = Loop.current();
        // The GC runs on a thread of its own: a blocking call has no place on a loop (on a busy machine a full GC
        // takes seconds), and the loop's worker pool grows and shrinks with use, which would blur the thread count.
        ExecutorService collector = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "soak-gc");
            t.setDaemon(true);
            return t;
        });
        collector.execute(() -> { }); // the thread exists from the start, before any baseline is taken
        Http.createServer((req, res) -> {
            // The lag window is read before the GC, so the pause it causes falls into the next window's maximum,
            // never into its 99th percentile (one tick of several hundred).
            String window = lag.snapshotAndReset();
            collector.execute(() -> {
                System.gc();
                long heap = heapAfterGc();
                loop.execute(() -> {
                    res.writeHead(200, Map.of("Content-Type", "text/plain"));
                    res.end("heapAfterGcBytes=" + heap + "\n" + window);
                });
            });
        }).listen(port, "127.0.0.1");
    }

    /**
     * The harness's own check that it can fail: {@code -Dsoak.leakBytesPerSecond=N} keeps N more bytes of heap
     * every second, {@code -Dsoak.leakDescriptorsPerMinute=N} opens N files a minute and never closes them
     * (benchmarks/RESULTS.md shows both failing the two-minute soak). Off unless asked.
     */
    private static void injectLeaks() {
        int bytesPerSecond = Integer.getInteger("soak.leakBytesPerSecond", 0);
        int fdsPerMinute = Integer.getInteger("soak.leakDescriptorsPerMinute", 0);
        List<Object> kept = new ArrayList<>();
        if (bytesPerSecond > 0) {
            Timers.setInterval(() -> kept.add(new byte[bytesPerSecond]), 1000);
        }
        if (fdsPerMinute > 0) {
            Timers.setInterval(() -> {
                try {
                    kept.add(java.nio.channels.FileChannel.open(Path.of("/dev/null")));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, 60_000 / fdsPerMinute);
        }
    }

    /** Heap in use after the last collection: the sum of every heap pool's collection usage. */
    private static long heapAfterGc() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        return used;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nothing listens on port " + port + " after 60 s");
    }

    /** Lateness of a repeating timer: how long after its due time each tick ran, per window. */
    private static final class LagMeter {
        private final long[] lags = new long[4096];
        private int count;
        private long maxNanos;
        private long last = System.nanoTime();

        void tick() {
            long now = System.nanoTime();
            long lateNanos = Math.max(0, now - last - TICK_MS * 1_000_000);
            last = now;
            if (count < lags.length) {
                lags[count++] = lateNanos;
            }
            maxNanos = Math.max(maxNanos, lateNanos);
        }

        String snapshotAndReset() {
            long[] sorted = Arrays.copyOf(lags, count);
            Arrays.sort(sorted);
            long p99 = sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))];
            long sum = 0;
            for (long l : sorted) {
                sum += l;
            }
            String window = "lagTicks=" + count + "\nlagMeanMicros=" + (count == 0 ? 0 : sum / count / 1000)
                    + "\nlagP99Micros=" + p99 / 1000 + "\nlagMaxMicros=" + maxNanos / 1000 + "\n";
            count = 0;
            maxNanos = 0;
            return window;
        }
    }
}
