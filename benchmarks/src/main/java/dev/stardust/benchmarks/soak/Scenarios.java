package dev.stardust.benchmarks.soak;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The mixed load, as client behaviours each repeated at a fixed period: keep-alive and fresh connections, pipelined
 * requests, request bodies (sized and chunked), slow readers, and clients that cut the connection (FIN or reset)
 * mid-request, mid-handshake and mid-response, over plain TCP and TLS. A behaviour that throws is an error of the
 * soak; the deliberate cuts only count their own failures up to the cut (connecting, writing the part they send).
 *
 * <p>The periods add up to at most about 220 HTTP requests, 15 new connections and 0.3 MB echoed per second (less
 * when runs take long, as the delay counts from the end of a run): far below what one core serves, so the soak
 * measures growth over time, never saturation, and leaves the shared machine to the other builds.
 */
final class Scenarios {
    private static final String HELLO = "Hello world\n";
    /** Reuse a keep-alive connection only if it has been idle for less than this; the server's timeout is 5 s. */
    private static final long IDLE_REUSE_LIMIT_NANOS = 4_000_000_000L;
    private static final Pattern COUNTER = Pattern.compile("\"(sent|failures|dropped)\":(\\d+)");

    /** One behaviour: its name, how often it runs, and one run of it. */
    record Scenario(String name, long periodMs, Run run) {
    }

    /** One run of a behaviour; throws when the server misbehaved. */
    interface Run {
        void once(long iteration) throws Exception;
    }

    private final Ports ports;
    private final ExecutorService writers;
    private final List<java.io.Closeable> open = new ArrayList<>();
    private long lastAgentSent = -1;
    private long agentSentChangedNanos = System.nanoTime();

    Scenarios(Ports ports, ExecutorService writers) {
        this.ports = ports;
        this.writers = writers;
    }

    /** The ports of the soaked servers, read from the file SoakServers writes. */
    record Ports(long pid, int hello, int https, int echo, int collector, int agent, int metrics) {
    }

    List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        Kept hello = kept(false, ports.hello());
        all.add(new Scenario("hello-keepalive", 100, i -> {
            for (int n = 0; n < 5; n++) {
                hello.exchange(Wire.get("/", false).getBytes(StandardCharsets.ISO_8859_1), 1, 200, HELLO);
            }
        }));
        all.add(new Scenario("hello-fresh", 200, i -> fresh(false, ports.hello())));
        Kept helloPipe = kept(false, ports.hello());
        all.add(new Scenario("hello-pipelined", 500, i -> helloPipe.exchange(
                Wire.get("/p", false).repeat(16).getBytes(StandardCharsets.ISO_8859_1), 16, 200, HELLO)));
        Kept helloBodies = kept(false, ports.hello());
        all.add(new Scenario("hello-bodies", 250, i -> helloBodies.exchange(concat(
                Wire.post("/upload", body(16_384), false), Wire.post("/upload", body(16_384), true)), 2, 200, HELLO)));
        Kept https = kept(true, ports.https());
        all.add(new Scenario("https-keepalive", 200, i -> {
            for (int n = 0; n < 5; n++) {
                https.exchange(Wire.get("/", false).getBytes(StandardCharsets.ISO_8859_1), 1, 200, HELLO);
            }
        }));
        all.add(new Scenario("https-fresh", 1000, i -> fresh(true, ports.https())));
        Kept httpsPipe = kept(true, ports.https());
        all.add(new Scenario("https-pipelined-bodies", 1000, i -> httpsPipe.exchange(concat(
                Wire.get("/p", false).repeat(6).getBytes(StandardCharsets.ISO_8859_1),
                Wire.post("/upload", body(8192), false), Wire.post("/upload", body(8192), true)), 8, 200, HELLO)));
        Socket[] echo = new Socket[1];
        open.add(() -> {
            if (echo[0] != null) {
                echo[0].close();
            }
        });
        all.add(new Scenario("echo-keepalive", 100, i -> {
            if (echo[0] == null) {
                echo[0] = Wire.connect(ports.echo());
            }
            try {
                echoRoundTrip(echo[0], body(1 + ThreadLocalRandom.current().nextInt(32_768)));
            } catch (IOException e) {
                echo[0].close();
                echo[0] = null;
                throw e;
            }
        }));
        all.add(new Scenario("echo-fresh", 500, i -> {
            try (Socket s = Wire.connect(ports.echo())) {
                echoRoundTrip(s, body(4096));
            }
        }));
        all.add(new Scenario("echo-slow-reader", 5000, i -> echoSlowReader()));
        all.add(new Scenario("hello-slow-reader", 3000, i -> helloSlowReader()));
        Kept collector = kept(false, ports.collector());
        all.add(new Scenario("collector-post", 200, i -> collector.exchange(
                Wire.post("/", report(i), i % 5 == 0), 1, 204, null)));
        Kept collectorBad = kept(false, ports.collector());
        all.add(new Scenario("collector-bad-json", 2000, i -> collectorBad.exchange(
                Wire.post("/", "{\"cut".getBytes(StandardCharsets.UTF_8), false), 1, 400, null)));
        all.add(new Scenario("agent-status", 1000, i -> agentStatus()));
        all.add(new Scenario("cut-mid-request", 250, this::cutMidRequest));
        all.add(new Scenario("cut-mid-response", 500, this::cutMidResponse));
        return all;
    }

    /** Closes the keep-alive connections, once no scenario runs any more. */
    void close() throws IOException {
        for (java.io.Closeable c : open) {
            c.close();
        }
    }

    private Kept kept(boolean tls, int port) {
        Kept k = new Kept(tls, port);
        open.add(k);
        return k;
    }

    private void fresh(boolean tls, int port) throws IOException {
        try (Socket s = tls ? Wire.connectTls(port) : Wire.connect(port)) {
            Wire.write(s, Wire.get("/", true));
            InputStream in = new BufferedInputStream(s.getInputStream());
            Wire.expect(in, 200, HELLO);
            if (in.read() != -1) {
                throw new IOException("the server sent more after the response to a Connection: close request");
            }
        }
    }

    private static void echoRoundTrip(Socket s, byte[] data) throws IOException {
        Wire.write(s, data);
        if (!Arrays.equals(data, Wire.readExactly(s.getInputStream(), data.length))) {
            throw new IOException("echo returned different bytes");
        }
    }

    /** Half a megabyte echoed to a reader that takes 4 KB every 5 ms through a 4 KB window: backpressure. */
    private void echoSlowReader() throws Exception {
        byte[] data = body(512 * 1024);
        try (Socket s = Wire.connectSmallWindow(ports.echo())) {
            Future<?> writing = writers.submit(() -> {
                Wire.write(s, data);
                return null;
            });
            InputStream in = s.getInputStream();
            byte[] got = new byte[data.length];
            for (int at = 0; at < data.length; ) {
                int n = in.read(got, at, Math.min(4096, data.length - at));
                if (n < 0) {
                    throw new IOException("echo ended after " + at + " bytes");
                }
                at += n;
                Thread.sleep(5);
            }
            writing.get(Wire.READ_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (!Arrays.equals(data, got)) {
                throw new IOException("slow echo returned different bytes");
            }
        }
    }

    /** 300 pipelined requests whose responses are read 512 bytes every 5 ms through a 4 KB window. */
    private void helloSlowReader() throws Exception {
        try (Socket s = Wire.connectSmallWindow(ports.hello())) {
            Wire.write(s, Wire.get("/slow", false).repeat(300));
            InputStream slow = new BufferedInputStream(new SlowInput(s.getInputStream()), 512);
            for (int n = 0; n < 300; n++) {
                Wire.expect(slow, 200, HELLO);
            }
        }
    }

    private void agentStatus() throws IOException {
        try (Socket s = Wire.connect(ports.agent())) {
            Wire.write(s, Wire.get("/", true));
            String json = Wire.expect(new BufferedInputStream(s.getInputStream()), 200, null).body();
            Matcher m = COUNTER.matcher(json);
            long sent = -1;
            while (m.find()) {
                long value = Long.parseLong(m.group(2));
                if (m.group(1).equals("sent")) {
                    sent = value;
                } else if (value != 0) {
                    throw new IOException("the agent counts " + value + " " + m.group(1) + ": " + json.trim());
                }
            }
            // The agent reports every 0.2 s; ten seconds without a report sent is a stall even on a busy machine.
            if (sent < 0 || sent < lastAgentSent) {
                throw new IOException("the agent's sent counter went from " + lastAgentSent + " to " + sent);
            }
            long now = System.nanoTime();
            if (sent > lastAgentSent) {
                lastAgentSent = sent;
                agentSentChangedNanos = now;
            } else if (now - agentSentChangedNanos > 10_000_000_000L) {
                throw new IOException("the agent's reports stalled at " + sent + " for 10 s: " + json.trim());
            }
        }
    }

    /** Deliberate cuts before the request is whole; only connecting and the partial write may fail. */
    private void cutMidRequest(long i) throws IOException {
        switch ((int) (i % 8)) {
            case 0 -> cut(Wire.connect(ports.hello()), "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Cut: ", false);
            case 1 -> cut(Wire.connect(ports.hello()), "GET /cut HTTP/1.1\r\nHo", true);
            case 2 -> cut(Wire.connect(ports.hello()),
                    "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(5000), true);
            case 3 -> cut(Wire.connect(ports.hello()),
                    "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" + "y".repeat(300), false);
            case 4 -> cut(Wire.connect(ports.collector()),
                    "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 900\r\n\r\n{\"host\":\"cut", false);
            case 5 -> cut(Wire.connectTls(ports.https()), "GET / HTTP/1.1\r\nHost: loc", true);
            // a TLS record header and the start of a ClientHello, then nothing: cut mid-handshake
            case 6 -> cut(Wire.connect(ports.https()), "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003", false);
            default -> Wire.reset(Wire.connect(ports.echo()));
        }
    }

    /** Deliberate cuts while the server is still sending; only connecting and the request may fail. */
    private void cutMidResponse(long i) throws IOException {
        switch ((int) (i % 4)) {
            case 0 -> readSomeThenCut(Wire.connect(ports.hello()), Wire.get("/big", false).repeat(200));
            case 1 -> {
                Socket s = Wire.connect(ports.echo());
                Future<?> writing = writers.submit(() -> {
                    Wire.write(s, body(256 * 1024));
                    return null;
                });
                s.getInputStream().readNBytes(4096);
                Wire.reset(s);
                writing.cancel(false); // its write fails on the reset socket, as the server's echo does: both wanted
            }
            case 2 -> readSomeThenCut(Wire.connectTls(ports.https()), Wire.get("/big", false).repeat(200));
            default -> readSomeThenCut(Wire.connect(ports.agent()), Wire.get("/", false));
        }
    }

    private static void cut(Socket s, String partial, boolean reset) throws IOException {
        Wire.write(s, partial);
        if (reset) {
            Wire.reset(s);
        } else {
            s.close();
        }
    }

    private static void readSomeThenCut(Socket s, String requests) throws IOException {
        Wire.write(s, requests);
        byte[] some = s.getInputStream().readNBytes(16);
        if (some.length == 0) {
            throw new IOException("no response before the cut");
        }
        Wire.reset(s);
    }

    private static byte[] report(long i) {
        return ("{\"host\":\"soak\",\"seq\":" + i + ",\"cpu\":{\"user\":0.25,\"system\":0.5},\"load\":[0.1,0.2,0.3],"
                + "\"disks\":[{\"mount\":\"/\",\"usedBytes\":123456789}],\"note\":\"" + "n".repeat((int) (i % 700))
                + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] body(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /**
     * A keep-alive connection that one behaviour reuses (never shared: behaviours run on threads of their own);
     * reopened after the server announced a close, and before a use that comes close to the server's keep-alive
     * timeout (5 s, announced in its {@code Keep-Alive} header): a request written just as the server closes an
     * idle connection meets a reset, a race of HTTP/1.1 itself, which node's agent also avoids this way. It happens
     * only when the machine starves the load generator for seconds; any other failure counts.
     */
    private static final class Kept implements java.io.Closeable {
        private final boolean tls;
        private final int port;
        private @Nullable Socket socket;
        private @Nullable InputStream in;
        private long lastUsedNanos;

        Kept(boolean tls, int port) {
            this.tls = tls;
            this.port = port;
        }

        @Override
        public void close() throws IOException {
            Socket s = socket;
            if (s != null) {
                s.close();
            }
            socket = null;
        }

        void exchange(byte[] requests, int responses, int status, @Nullable String body) throws IOException {
            Socket s = socket;
            InputStream input = in;
            if (s != null && System.nanoTime() - lastUsedNanos > IDLE_REUSE_LIMIT_NANOS) {
                close();
                s = null;
            }
            if (s == null || input == null) {
                s = tls ? Wire.connectTls(port) : Wire.connect(port);
                input = new BufferedInputStream(s.getInputStream());
                socket = s;
                in = input;
            }
            try {
                Wire.write(s, requests);
                for (int n = 0; n < responses; n++) {
                    lastUsedNanos = System.nanoTime();
                    if (Wire.expect(input, status, body).closes()) {
                        s.close();
                        socket = null;
                        if (n + 1 < responses) {
                            throw new IOException("the server closed a keep-alive connection mid-pipeline");
                        }
                    }
                }
            } catch (IOException e) {
                s.close();
                socket = null;
                throw e;
            }
        }
    }

    /** Reads at most 512 bytes every 5 ms from the stream beneath. */
    private static final class SlowInput extends InputStream {
        private final InputStream in;

        SlowInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            return in.read(b, off, Math.min(len, 512));
        }
    }
}
