package dev.stardust.http;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.Timers;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Timeouts with short configured values, aborted bodies, and backpressure in both directions. */
class TimeoutsAndFlowTest {
    private static final HttpServerOptions FAST = HttpServerOptions.defaults()
            .withConnectionsCheckingInterval(Duration.ofMillis(20));

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aSlowHeadGets408AndTheHandlerNeverRuns() throws Exception {
        try (HttpTestServer f = HttpTestServer.start("nio", FAST.withHeadersTimeout(Duration.ofMillis(200)),
                (req, res) -> res.end())) {
            try (Socket s = f.socket()) {
                long start = System.nanoTime();
                s.getOutputStream().write(ascii("GET / HTTP/1.1\r\nHost: h\r\nX-Slow"));
                String out = HttpTestServer.readAll(s.getInputStream());
                assertTrue(out.startsWith("HTTP/1.1 408 Request Timeout\r\n") && out.contains("Connection: close"), out);
                assertTrue(System.nanoTime() - start >= Duration.ofMillis(150).toNanos());
            }
            assertEquals(0, f.handlerCalls.get());
        }
    }

    @Test
    void aSlowBodyAbortsTheRequestAndGets408() throws Exception {
        CompletableFuture<String> events = new CompletableFuture<>();
        try (HttpTestServer f = HttpTestServer.start("nio", FAST.withRequestTimeout(Duration.ofMillis(300)),
                (req, res) -> {
                    StringBuilder sb = new StringBuilder();
                    req.onData(b -> sb.append("data "));
                    req.on("aborted", ignored -> sb.append("aborted "));
                    req.onEnd(() -> sb.append("end "));
                    req.onError(e -> sb.append("error"));
                    req.onClose(() -> events.complete(sb.toString().trim()));
                })) {
            try (Socket s = f.socket()) {
                s.getOutputStream().write(ascii("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nab"));
                String out = HttpTestServer.readAll(s.getInputStream());
                assertTrue(out.startsWith("HTTP/1.1 408 Request Timeout\r\n"), out);
            }
            assertEquals("data aborted error", events.get(10, SECONDS));
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheKeepAliveTimeout() throws Exception {
        try (HttpTestServer f = HttpTestServer.start("nio", FAST.withKeepAliveTimeout(Duration.ofMillis(200)),
                (req, res) -> res.end("ok"))) {
            try (Socket s = f.socket()) {
                s.getOutputStream().write(ascii("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
                long start = System.nanoTime();
                String out = HttpTestServer.readAll(s.getInputStream());
                assertTrue(out.startsWith("HTTP/1.1 200 OK\r\n") && out.endsWith("ok"), out);
                assertTrue(out.contains("Keep-Alive: timeout=1\r\n"), out);
                assertTrue(System.nanoTime() - start >= Duration.ofMillis(150).toNanos());
            }
        }
    }

    @Test
    void theKeepAliveCountdownStartsWhenTheLastResponseEndsNotWhenItsRequestsWereRead() throws Exception {
        AtomicLong lastAnswered = new AtomicLong();
        try (HttpTestServer f = HttpTestServer.start("nio", FAST.withKeepAliveTimeout(Duration.ofMillis(300)),
                (req, res) -> {
                    // A slow synchronous handler: two of them in one read batch outlast the keep-alive timeout.
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    res.end("ok");
                    lastAnswered.set(System.nanoTime());
                })) {
            try (Socket s = f.socket()) {
                s.getOutputStream().write(ascii("GET / HTTP/1.1\r\nHost: h\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n"));
                String out = HttpTestServer.readAll(s.getInputStream());
                long openAfterLastAnswer = System.nanoTime() - lastAnswered.get();
                assertEquals(2, out.split("HTTP/1.1 200 OK", -1).length - 1, out);
                assertTrue(openAfterLastAnswer >= Duration.ofMillis(250).toNanos(),
                        "closed " + openAfterLastAnswer / 1_000_000 + " ms after the last response");
            }
        }
    }

    @Test
    void aClientThatStopsReadingIsCutAfterTheWriteStallTimeout() throws Exception {
        CompletableFuture<Long> closedAfter = new CompletableFuture<>();
        AtomicLong written = new AtomicLong();
        try (HttpTestServer f = HttpTestServer.start("nio", FAST.withWriteStallTimeout(Duration.ofMillis(300)),
                (req, res) -> {
                    Buffer chunk = Buffer.alloc(256 * 1024);
                    Runnable[] pump = new Runnable[1];
                    pump[0] = () -> {
                        while (!res.destroyed() && res.write(chunk)) {
                            written.addAndGet(chunk.length());
                        }
                        written.addAndGet(chunk.length());
                    };
                    res.onDrain(pump[0]);
                    res.onClose(() -> closedAfter.complete(written.get()));
                    pump[0].run();
                })) {
            try (Socket s = new Socket()) {
                s.setReceiveBufferSize(16 * 1024);
                s.connect(new java.net.InetSocketAddress("127.0.0.1", f.port), 5000);
                s.getOutputStream().write(ascii("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
                long total = closedAfter.get(10, SECONDS);
                // Bounded: the server stopped producing once the socket was full, then gave up on the client.
                assertTrue(total < 64L * 1024 * 1024, "wrote " + total);
            }
        }
    }

    @Test
    void aMalformedChunkAbortsTheRequestAnswers400AndThePipelinedRequestIsNeverDispatched() throws Exception {
        CompletableFuture<String> events = new CompletableFuture<>();
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> {
            StringBuilder sb = new StringBuilder(req.path() + " ");
            req.onData(b -> sb.append("data "));
            req.on("aborted", ignored -> sb.append("aborted "));
            req.onEnd(() -> sb.append("end "));
            req.onError(e -> sb.append("error "));
            req.onClose(() -> events.complete(sb.toString().trim()));
        })) {
            String out = f.exchange("POST /first HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\nzz\r\nbad\r\n0\r\n\r\nGET /second HTTP/1.1\r\nHost: h\r\n\r\n");
            assertTrue(out.startsWith("HTTP/1.1 400 Bad Request\r\n") && out.contains("Connection: close"), out);
            assertFalse(out.contains("HTTP/1.1 200"), out);
            assertEquals("/first data aborted error", events.get(10, SECONDS));
            assertEquals(1, f.handlerCalls.get());
        }
    }

    @Test
    void aSlowlyReadUploadKeepsServerMemoryBounded() throws Exception {
        long size = 48L * 1024 * 1024;
        AtomicLong maxBuffered = new AtomicLong();
        try (HttpTestServer f = HttpTestServer.start("nio", (req, res) -> {
            long[] total = {0};
            req.onData(b -> {
                total[0] += b.length();
                maxBuffered.accumulateAndGet(req.readableLength(), Math::max);
                // A slow consumer: pause for a moment every chunk.
                req.pause();
                Timers.setImmediate(req::resume);
            });
            req.onEnd(() -> res.end(String.valueOf(total[0])));
        })) {
            try (Socket s = f.socket()) {
                OutputStream out = s.getOutputStream();
                out.write(ascii("POST / HTTP/1.1\r\nHost: h\r\nConnection: close\r\nContent-Length: " + size + "\r\n\r\n"));
                byte[] block = new byte[64 * 1024];
                for (long sent = 0; sent < size; sent += block.length) {
                    out.write(block);
                }
                String answer = HttpTestServer.readAll(s.getInputStream());
                assertTrue(answer.endsWith("\r\n\r\n" + size), answer);
            }
            assertTrue(maxBuffered.get() <= 2 * 1024 * 1024, "buffered up to " + maxBuffered.get());
            assertEquals(List.of(), f.uncaught());
        }
    }
}
