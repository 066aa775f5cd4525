package dev.stardust.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.http.HttpServerOptions;
import dev.stardust.http.IncomingMessage;
import dev.stardust.testing.NodeScript;
import dev.stardust.testing.TestCerts;
import io.netty.handler.codec.http2.Http2Headers;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies both ways, trailers both ways, backpressure mapped to HTTP/2 flow control in both directions, and the
 * HTTP/1.1 server's timeouts applied per stream.
 */
@Timeout(60)
class StreamsTest {
    @TempDir
    Path dir;

    @Test
    void nodeStreamsABodyWithTrailersAndGetsAStreamedBodyWithTrailers() throws Exception {
        try (H2TestServer f = H2TestServer.secure((req, res) -> {
            long[] size = new long[1];
            req.onData(b -> size[0] += b.length());
            req.onEnd(() -> {
                res.writeHead(200, Map.of("content-type", "text/plain"));
                for (int i = 0; i < 5; i++) {
                    res.write("part" + i + ";");
                }
                res.addTrailers(Map.of("x-size", String.valueOf(size[0]),
                        "x-client-trailer", req.trailers().get("x-checksum").orElse("none")));
                res.end();
            });
        })) {
            String script = """
                    const http2 = require('http2'); const fs = require('fs');
                    const [input, output] = process.argv.slice(1);
                    const session = http2.connect('https://localhost:' + fs.readFileSync(input, 'utf8'),
                        { ca: fs.readFileSync('CA') });
                    const req = session.request({ ':method': 'PUT', ':path': '/up' }, { waitForTrailers: true });
                    req.on('wantTrailers', () => req.sendTrailers({ 'x-checksum': 'abc' }));
                    let body = '';
                    req.setEncoding('utf8'); req.on('data', d => body += d);
                    req.on('trailers', t => { fs.writeFileSync(output,
                        [body, t['x-size'], t['x-client-trailer']].join('\\n') + '\\n'); });
                    req.on('close', () => session.close());
                    const chunk = Buffer.alloc(100000, 120);
                    let n = 0;
                    (function more() { while (n < 10) { n++; if (!req.write(chunk)) { req.once('drain', more); return; } }
                      req.end(); })();
                    """.replace("'CA'", "'" + TestCerts.file("ca.crt") + "'");
            List<String> got = NodeScript.run(dir, script, String.valueOf(f.port));
            assertEquals(List.of("part0;part1;part2;part3;part4;", "1000000", "abc"), got);
        }
    }

    @Test
    void aClientThatDoesNotReadHoldsWriteAtFalseWithBoundedMemoryUntilItOpensItsWindow() throws Exception {
        CompletableFuture<long[]> blocked = new CompletableFuture<>();
        CompletableFuture<Long> drained = new CompletableFuture<>();
        byte[] kib = new byte[1024];
        try (H2TestServer f = H2TestServer.cleartext((req, res) -> {
            long[] written = new long[1];
            // Writes until the stream says stop: nothing leaves while the client's window is 0.
            while (written[0] < 10_000_000) {
                written[0] += kib.length;
                if (!res.write(Buffer.from(kib))) {
                    break;
                }
            }
            blocked.complete(new long[] {written[0], res.writableLength()});
            res.onDrain(() -> {
                drained.complete(written[0]);
                res.end();
            });
        }); RawH2 c = RawH2.open(f.port, 0x4, 0)) {
            c.request(1, "GET", "/big", true);
            long[] state = blocked.get(10, TimeUnit.SECONDS);
            assertTrue(state[0] <= 17 * 1024, "write() stayed true for " + state[0] + " bytes");
            assertTrue(state[1] <= 17 * 1024, "buffered " + state[1]);
            assertNotNull(c.until(RawH2.HEADERS));
            c.windowUpdate(1, 1 << 20);
            c.windowUpdate(0, 1 << 20);
            long received = 0;
            RawH2.Frame frame;
            while ((frame = c.read()) != null) {
                if (frame.type() == RawH2.DATA && frame.stream() == 1) {
                    received += frame.payload().length;
                    if ((frame.flags() & RawH2.END_STREAM) != 0) {
                        break;
                    }
                }
            }
            assertEquals(state[0], drained.get(10, TimeUnit.SECONDS));
            assertEquals(state[0], received);
        }
    }

    @Test
    void aPausedRequestClosesTheClientsWindowUntilItResumes() throws Exception {
        CompletableFuture<IncomingMessage> paused = new CompletableFuture<>();
        AtomicLong read = new AtomicLong();
        try (H2TestServer f = H2TestServer.cleartext((req, res) -> {
            req.pause();
            req.onData(b -> read.addAndGet(b.length()));
            req.onEnd(() -> res.end("read " + read.get()));
            paused.complete(req);
        }); RawH2 c = RawH2.open(f.port)) {
            c.request(1, "POST", "/slow", false);
            IncomingMessage req = paused.get(10, TimeUnit.SECONDS);
            for (int sent = 0; sent < 65_535; sent += 16_384) {
                c.data(1, new byte[Math.min(16_384, 65_535 - sent)], false);
            }
            // The whole window is used: without the handler reading, the server gives none of it back.
            c.socket.setSoTimeout(700);
            try {
                RawH2.Frame f1;
                while ((f1 = c.read()) != null) {
                    assertFalse(f1.type() == RawH2.WINDOW_UPDATE && f1.stream() == 1, "window reopened while paused");
                    if (f1.type() == RawH2.SETTINGS && (f1.flags() & 1) == 0) {
                        c.settingsAck();
                    }
                }
            } catch (SocketTimeoutException expected) {
                // Nothing more for 700 ms: the window stayed closed.
            }
            c.socket.setSoTimeout(10_000);
            f.tester.execute(req::resume);
            RawH2.Frame update;
            do {
                update = c.until(RawH2.WINDOW_UPDATE);
            } while (update != null && update.stream() != 1);
            assertNotNull(update);
            c.data(1, new byte[10], true);
            RawH2.Frame data = c.until(RawH2.DATA);
            assertEquals("read 65545", new String(data.payload(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aStreamPastItsRequestTimeoutGets408AndTheSessionGoesOn() throws Exception {
        CompletableFuture<Boolean> aborted = new CompletableFuture<>();
        Http2ServerOptions options = Http2ServerOptions.defaults().withHttp1(HttpServerOptions.defaults()
                .withRequestTimeout(Duration.ofMillis(500)).withConnectionsCheckingInterval(Duration.ofMillis(50)));
        try (H2TestServer f = H2TestServer.cleartext(options, (req, res) -> {
            if (req.url().equals("/slow")) {
                req.on("aborted", v -> aborted.complete(true));
            } else {
                res.end("quick");
            }
        }); RawH2 c = RawH2.open(f.port)) {
            long start = System.nanoTime();
            c.request(1, "POST", "/slow", false);
            RawH2.Frame head = c.until(RawH2.HEADERS);
            assertEquals(1, head.stream());
            Http2Headers h = c.decode(head);
            assertEquals("408", h.status().toString());
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 450 && ms < 5000, ms + " ms");
            assertTrue(aborted.get(5, TimeUnit.SECONDS));
            c.request(3, "GET", "/quick", true);
            RawH2.Frame next = c.until(RawH2.HEADERS);
            assertEquals(3, next.stream());
            assertEquals("200", c.decode(next).status().toString());
        }
    }

    @Test
    void aConnectionThatSendsNoRequestWithinHeadersTimeoutIsClosedWhetherOrNotItSentThePreface() throws Exception {
        Http2ServerOptions options = Http2ServerOptions.defaults().withHttp1(HttpServerOptions.defaults()
                .withHeadersTimeout(Duration.ofMillis(400)).withConnectionsCheckingInterval(Duration.ofMillis(50)));
        try (H2TestServer f = H2TestServer.cleartext(options, (req, res) -> res.end());
                RawH2 preface = RawH2.open(f.port); RawH2 silent = new RawH2(f.port)) {
            long start = System.nanoTime();
            assertTrue(preface.closedByServer());
            // Not even a preface: the protocol is never known, and the connection still cannot stay.
            assertTrue(silent.closedByServer());
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 350 && ms < 5000, ms + " ms");
        }
    }

    @Test
    void closeSendsGoAwayLetsTheOpenStreamFinishThenCompletes() throws Exception {
        CompletableFuture<dev.stardust.http.ServerResponse> held = new CompletableFuture<>();
        try (H2TestServer f = H2TestServer.cleartext((req, res) -> held.complete(res)); RawH2 c = RawH2.open(f.port)) {
            c.request(1, "GET", "/held", true);
            dev.stardust.http.ServerResponse res = held.get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> closed = new CompletableFuture<>();
            f.tester.execute(() -> f.server.close().onSuccess(v -> closed.complete(null)));
            RawH2.Frame goAway = c.until(RawH2.GOAWAY);
            assertNotNull(goAway);
            assertEquals(0, goAway.errorCode());
            assertFalse(closed.isDone(), "closed with a stream still open");
            f.tester.execute(() -> res.end("late"));
            RawH2.Frame head = c.until(RawH2.HEADERS);
            assertEquals(1, head.stream());
            assertEquals("200", c.decode(head).status().toString());
            assertTrue(c.closedByServer());
            closed.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void sendFileStreamsAFileWithItsLengthAndAMissingOneFailsBeforeAnythingIsSent() throws Exception {
        Path file = dir.resolve("big.bin");
        byte[] bytes = new byte[300_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        java.nio.file.Files.write(file, bytes);
        try (H2TestServer f = H2TestServer.cleartext((req, res) -> {
            String path = req.url().equals("/file") ? file.toString() : dir.resolve("missing").toString();
            // curl exits once it has content-length bytes, which can be before the stream's END_STREAM frame is
            // written: that failure is the client leaving, not a missing file, and has no answer to send.
            res.sendFile(path).onFailure(e -> {
                if (!res.headersSent()) {
                    res.writeHead(404).end(((dev.stardust.StardustException) e).code());
                }
            });
        })) {
            Path out = dir.resolve("got.bin");
            String head = H2TestServer.run(List.of("curl", "-sS", "-D", "-", "-o", out.toString(),
                    "--http2-prior-knowledge", "--max-time", "10", f.url("/file")), 20);
            assertTrue(head.startsWith("HTTP/2 200"), head);
            assertTrue(head.contains("content-length: 300000"), head);
            assertTrue(java.util.Arrays.equals(bytes, java.nio.file.Files.readAllBytes(out)));
            String missing = H2TestServer.run(List.of("curl", "-sS", "-i", "--http2-prior-knowledge", "--max-time",
                    "10", f.url("/nothing")), 20);
            assertTrue(missing.startsWith("HTTP/2 404"), missing);
            assertTrue(missing.endsWith("ENOENT"), missing);
        }
    }
}
