package dev.stardust.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.testing.TestCerts;
import dev.stardust.tls.TlsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow and hostile peers against the HTTP and the HTTPS server, with short configured timeouts: a head dripped one
 * byte every 40 ms (the headers timeout answers 408 and closes while another client is served), a body that never
 * completes over TLS (the request timeout), a TLS handshake that never completes or stops inside the ClientHello
 * (the handshake timeout closes it), and a TLS client that never reads (the write-stall timeout cuts it with the
 * server's output bounded). The drip is clocked by a scheduled executor; every wait is on the event itself.
 */
class SlowPeersTest {
    private static final HttpServerOptions FAST = HttpServerOptions.defaults()
            .withConnectionsCheckingInterval(Duration.ofMillis(20))
            .withHeadersTimeout(Duration.ofMillis(300))
            .withRequestTimeout(Duration.ofMillis(600))
            .withWriteStallTimeout(Duration.ofMillis(400));
    private static final String HEAD = "GET /slow HTTP/1.1\r\nHost: h\r\nX-Padding: " + "p".repeat(200) + "\r\n\r\n";

    private static ScheduledExecutorService clock;
    private static SSLContext trustTestCa;
    private static TlsOptions serverTls;

    @BeforeAll
    static void setUp() throws Exception {
        clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "drip-clock");
            t.setDaemon(true);
            return t;
        });
        serverTls = TlsOptions.defaults().withCert(TestCerts.file("server.crt")).withKey(TestCerts.file("server.key"));
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = java.nio.file.Files.newInputStream(TestCerts.file("ca.crt"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        trustTestCa = SSLContext.getInstance("TLS");
        trustTestCa.init(null, tmf.getTrustManagers(), null);
    }

    @AfterAll
    static void tearDown() {
        clock.shutdownNow();
    }

    private static HttpTestServer server(boolean tls, HttpServerOptions options) {
        return server(tls ? serverTls : null, options);
    }

    private static HttpTestServer server(TlsOptions tls, HttpServerOptions options) {
        return tls != null ? HttpTestServer.startHttps("nio", tls, options, SlowPeersTest::answer)
                : HttpTestServer.start("nio", options, SlowPeersTest::answer);
    }

    private static void answer(IncomingMessage req, ServerResponse res) {
        req.resume();
        req.onEnd(() -> res.end("served " + req.path()));
    }

    private static Socket connect(HttpTestServer f, boolean tls) throws IOException {
        Socket plain = f.socket();
        if (!tls) {
            return plain;
        }
        SSLSocket s = (SSLSocket) trustTestCa.getSocketFactory().createSocket(plain, "localhost", f.port, true);
        s.setSoTimeout(30_000);
        s.startHandshake();
        return s;
    }

    /** Writes {@code bytes} one byte every {@code everyMs} on the test's clock until done or the server hangs up. */
    private static ScheduledFuture<?> drip(Socket s, byte[] bytes, long everyMs, AtomicInteger sent) {
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = clock.scheduleAtFixedRate(() -> {
            int i = sent.get();
            try {
                if (i == bytes.length) {
                    throw new IOException("all sent");
                }
                OutputStream out = s.getOutputStream();
                out.write(bytes[i]);
                out.flush();
                sent.incrementAndGet();
            } catch (IOException stop) {
                throw new IllegalStateException("the drip ends", stop);
            }
        }, 0, everyMs, MILLISECONDS);
        return self[0];
    }

    /** Everything the server sends until it closes, and how long that took from {@code start}. */
    private record Answer(String text, long millis) {
    }

    private static Answer readUntilClosed(Socket s, long start) throws IOException {
        String text = HttpTestServer.readAll(s.getInputStream());
        return new Answer(text, (System.nanoTime() - start) / 1_000_000);
    }

    private static void assertDrippedHeadGets408WhileOthersAreServed(boolean tls) throws Exception {
        // The headers timeout counts from the accept, so over TLS it must leave time for the handshake.
        long headersMs = tls ? 2_500 : 300;
        try (HttpTestServer f = server(tls, FAST.withHeadersTimeout(Duration.ofMillis(headersMs)))) {
            long start = System.nanoTime();
            Socket s = connect(f, tls);
            AtomicInteger sent = new AtomicInteger();
            ScheduledFuture<?> dripping = drip(s, HEAD.getBytes(ISO_8859_1), 50, sent);
            // Meanwhile another client is served at once.
            long t0 = System.nanoTime();
            String other = get(f, tls, "/other");
            long otherMs = (System.nanoTime() - t0) / 1_000_000;
            Answer a = readUntilClosed(s, start);
            dripping.cancel(false);
            s.close();
            assertTrue(a.text.startsWith("HTTP/1.1 408 Request Timeout\r\n"), a.text);
            assertTrue(a.millis >= headersMs - 50 && a.millis < 10_000, "closed after " + a.millis + " ms");
            assertTrue(sent.get() < HEAD.length(), "the head was never complete: " + sent.get() + " bytes");
            assertEquals("served /other", other);
            assertTrue(otherMs < 10_000, "another client waited " + otherMs + " ms");
            assertEquals(1, f.handlerCalls.get(), "only the other client's request was handled");
        }
    }

    @Test
    void aHeadDrippedByteByByteGets408WhileAnotherClientIsServed() throws Exception {
        assertDrippedHeadGets408WhileOthersAreServed(false);
    }

    @Test
    void aHeadDrippedOverTlsGets408WhileAnotherClientIsServed() throws Exception {
        assertDrippedHeadGets408WhileOthersAreServed(true);
    }

    @Test
    void aBodyThatNeverCompletesOverTlsGets408() throws Exception {
        try (HttpTestServer f = server(true, FAST.withHeadersTimeout(Duration.ofSeconds(30))); Socket s = connect(f, true)) {
            long start = System.nanoTime();
            s.getOutputStream().write("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 1000\r\n\r\nonly this"
                    .getBytes(ISO_8859_1));
            s.getOutputStream().flush();
            Answer a = readUntilClosed(s, start);
            assertTrue(a.text.startsWith("HTTP/1.1 408 Request Timeout\r\n"), a.text);
            assertTrue(a.millis >= 500 && a.millis < 10_000, "closed after " + a.millis + " ms");
        }
    }

    @Test
    void aTlsHandshakeSlowerThanTheHeadersTimeoutIsClosedAtTheHeadersDeadline() throws Exception {
        // Regression: this used to queue a 408 behind the unfinished handshake, and the connection stayed open
        // until the handshake timeout (120 s by default), since nothing read for the handshake any more.
        try (HttpTestServer f = server(true, FAST); Socket s = f.socket()) {
            long start = System.nanoTime();
            s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
            Answer a = readUntilClosed(s, start);
            assertEquals("", a.text, "nothing HTTP is answered before the handshake");
            assertTrue(a.millis >= 250 && a.millis < 10_000, "closed after " + a.millis + " ms");
        }
    }

    @Test
    void aTlsHandshakeThatNeverCompletesIsClosedByTheHandshakeTimeout() throws Exception {
        // Headers and request timeouts far away: only the handshake timeout can end these. One second, not less:
        // a cold JDK client's own handshake (the one served afterwards) takes several hundred ms on a busy machine.
        HttpServerOptions slow = FAST.withHeadersTimeout(Duration.ofSeconds(30)).withRequestTimeout(Duration.ofSeconds(30));
        try (HttpTestServer f = server(serverTls.withHandshakeTimeoutMs(1_000), slow);
                Socket silent = f.socket(); Socket partial = f.socket()) {
            long start = System.nanoTime();
            // Nothing at all, and a ClientHello's record header with one byte of its body.
            partial.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
            for (Socket s : new Socket[] {silent, partial}) {
                Answer a = readUntilClosed(s, start);
                assertEquals("", a.text);
                assertTrue(a.millis >= 900 && a.millis < 10_000, "closed after " + a.millis + " ms");
            }
            assertEquals("served /after", get(f, true, "/after"));
            assertEquals(1, f.handlerCalls.get(), "only the last request reached the handler");
        }
    }

    @Test
    void aTlsClientThatNeverReadsIsCutWithTheServersOutputBounded() throws Exception {
        CompletableFuture<Long> closedAfter = new CompletableFuture<>();
        AtomicLong written = new AtomicLong();
        try (HttpTestServer f = HttpTestServer.startHttps("nio", serverTls, FAST.withHeadersTimeout(Duration.ofSeconds(30)),
                (req, res) -> {
            Buffer chunk = Buffer.alloc(256 * 1024);
            Runnable pump = () -> {
                // Bounded even if write() never said stop, so that the failure is an assertion, not a dead loop.
                while (!res.destroyed() && written.get() < 256L * 1024 * 1024 && res.write(chunk)) {
                    written.addAndGet(chunk.length());
                }
                if (written.get() >= 256L * 1024 * 1024) {
                    res.destroy();
                }
            };
            res.onDrain(pump);
            res.onClose(() -> closedAfter.complete(written.get()));
            pump.run();
        })) {
            try (Socket raw = new Socket()) {
                raw.setReceiveBufferSize(16 * 1024);
                raw.connect(new InetSocketAddress("127.0.0.1", f.port), 5_000);
                SSLSocket s = (SSLSocket) trustTestCa.getSocketFactory().createSocket(raw, "localhost", f.port, true);
                s.startHandshake();
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(ISO_8859_1));
                s.getOutputStream().flush();
                long total = closedAfter.get(30, SECONDS);
                assertTrue(total < 16L * 1024 * 1024, "wrote " + total + " bytes to a client that reads nothing");
            }
        }
    }

    private static String get(HttpTestServer f, boolean tls, String path) throws Exception {
        HttpClient client = (tls ? HttpClient.newBuilder().sslContext(trustTestCa) : HttpClient.newBuilder())
                .connectTimeout(Duration.ofSeconds(20)).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create((tls ? "https://localhost:"
                : "http://127.0.0.1:") + f.port + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }
}
