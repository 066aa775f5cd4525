package dev.stardust.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.http.HttpServerOptions;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The attacks HTTP/2 servers have met, each sent byte for byte by a {@link RawH2} client: the server must end or
 * refuse what the attacker does, stay bounded, and go on serving another client.
 */
@Timeout(60)
class AttacksTest {
    static final int PROTOCOL_ERROR = 0x1;
    static final int REFUSED_STREAM = 0x7;
    static final int CANCEL = 0x8;
    static final int ENHANCE_YOUR_CALM = 0xb;

    /** Another client gets its answer: the server is up and serving. */
    static void servesAnotherClient(H2TestServer f) throws IOException {
        try (RawH2 c = RawH2.open(f.port)) {
            c.request(1, "GET", "/after", true);
            RawH2.Frame head = c.until(RawH2.HEADERS);
            assertNotNull(head, "no answer after the attack");
            assertEquals("200", c.decode(head).status().toString());
        }
    }

    static H2TestServer hello() {
        return H2TestServer.cleartext((req, res) -> res.end("ok"));
    }

    @Test
    void rapidResetEndsTheConnectionWithEnhanceYourCalm() throws Exception {
        try (H2TestServer f = hello(); RawH2 c = RawH2.open(f.port)) {
            // CVE-2023-44487: open and cancel streams as fast as possible, each costing the server a request.
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            byte[] block = c.block(RawH2.requestHeaders("GET", "/"));
            for (int i = 0; i < 1000; i++) {
                int stream = 1 + 2 * i;
                burst.write(RawH2.encodeFrame(RawH2.HEADERS, RawH2.END_HEADERS | RawH2.END_STREAM, stream, block));
                burst.write(RawH2.encodeFrame(RawH2.RST_STREAM, 0, stream, ByteBuffer.allocate(4).putInt(CANCEL)
                        .array()));
            }
            try {
                c.write(burst.toByteArray());
            } catch (IOException closedMidway) {
                // The server may close before the whole burst is written.
            }
            RawH2.Frame goAway = c.until(RawH2.GOAWAY);
            assertNotNull(goAway);
            assertEquals(ENHANCE_YOUR_CALM, goAway.errorCode());
            assertTrue(c.closedByServer());
            assertTrue(f.handlerCalls.get() <= 250, f.handlerCalls.get() + " requests handled");
            servesAnotherClient(f);
        }
    }

    @Test
    void continuationFloodOfEmptyFramesEndsTheConnection() throws Exception {
        try (H2TestServer f = hello(); RawH2 c = RawH2.open(f.port)) {
            byte[] block = c.block(RawH2.requestHeaders("GET", "/"));
            ByteArrayOutputStream flood = new ByteArrayOutputStream();
            flood.write(RawH2.encodeFrame(RawH2.HEADERS, 0, 1, block));
            for (int i = 0; i < 100_000; i++) {
                flood.write(RawH2.encodeFrame(RawH2.CONTINUATION, 0, 1, new byte[0]));
            }
            try {
                c.write(flood.toByteArray());
            } catch (IOException closedMidway) {
                // Expected once the server gives up.
            }
            RawH2.Frame goAway = c.until(RawH2.GOAWAY);
            assertNotNull(goAway);
            assertTrue(goAway.errorCode() != 0, "GOAWAY without an error");
            assertTrue(c.closedByServer());
            assertEquals(0, f.handlerCalls.get());
            servesAnotherClient(f);
        }
    }

    @Test
    void continuationFloodPastTheHeaderListSizeIsRefusedWithoutBufferingIt() throws Exception {
        try (H2TestServer f = hello(); RawH2 c = RawH2.open(f.port)) {
            // One endless header block of large fields: the server must stop collecting it long before 1 MB.
            byte[] block = c.block(RawH2.requestHeaders("GET", "/"));
            c.frame(RawH2.HEADERS, 0, 1, block);
            byte[] field = literal("x-junk", "j".repeat(4000));
            boolean cut = false;
            for (int i = 0; i < 256 && !cut; i++) {
                try {
                    c.frame(RawH2.CONTINUATION, 0, 1, field);
                } catch (IOException closed) {
                    cut = true;
                }
            }
            RawH2.Frame answer;
            do {
                answer = c.read();
            } while (answer != null && answer.type() != RawH2.GOAWAY
                    && !(answer.type() == RawH2.HEADERS && answer.stream() == 1));
            assertNotNull(answer, "the server closed without saying why");
            if (answer.type() == RawH2.HEADERS) {
                assertEquals("431", c.decode(answer).status().toString());
            }
            assertEquals(0, f.handlerCalls.get());
            servesAnotherClient(f);
        }
    }

    @Test
    void aHeaderListLargerThanTheSettingGets431() throws Exception {
        try (H2TestServer f = hello(); RawH2 c = RawH2.open(f.port)) {
            Http2Headers big = RawH2.requestHeaders("GET", "/").add("x-big", "b".repeat(20_000));
            byte[] block = c.block(big);
            c.frame(RawH2.HEADERS, RawH2.END_STREAM, 1, java.util.Arrays.copyOfRange(block, 0, 10_000));
            c.frame(RawH2.CONTINUATION, RawH2.END_HEADERS, 1, java.util.Arrays.copyOfRange(block, 10_000,
                    block.length));
            RawH2.Frame head = c.until(RawH2.HEADERS);
            assertNotNull(head);
            assertEquals("431", c.decode(head).status().toString());
            assertEquals(0, f.handlerCalls.get());
            servesAnotherClient(f);
        }
    }

    @Test
    void pingAndSettingsFloodsFromAPeerThatDoesNotReadEndTheConnection() throws Exception {
        for (int type : new int[] {RawH2.PING, RawH2.SETTINGS}) {
            // A small receive buffer, set before connecting: the acknowledgements back up after a few KiB.
            try (H2TestServer f = hello(); RawH2 c = RawH2.open(new RawH2(f.port, 4096))) {
                byte[] one = type == RawH2.PING ? RawH2.encodeFrame(RawH2.PING, 0, 0, new byte[8])
                        : RawH2.encodeFrame(RawH2.SETTINGS, 0, 0, ByteBuffer.allocate(6).putShort((short) 0x3)
                                .putInt(100).array());
                byte[] batch = new byte[one.length * 1000];
                for (int i = 0; i < 1000; i++) {
                    System.arraycopy(one, 0, batch, i * one.length, one.length);
                }
                long sent = 0;
                boolean closed = false;
                // Never reading: each frame's acknowledgement queues up on the server until it gives up.
                while (!closed && sent < 5_000_000) {
                    try {
                        c.write(batch);
                        sent += 1000;
                    } catch (IOException e) {
                        closed = true;
                    }
                }
                assertTrue(closed, "the server still took frames after " + sent);
                servesAnotherClient(f);
            }
        }
    }

    @Test
    void aZeroWindowStallIsResetAfterWriteStallTimeout() throws Exception {
        CompletableFuture<Boolean> closed = new CompletableFuture<>();
        Http2ServerOptions options = Http2ServerOptions.defaults().withHttp1(HttpServerOptions.defaults()
                .withWriteStallTimeout(Duration.ofMillis(500)).withConnectionsCheckingInterval(Duration.ofMillis(50)));
        try (H2TestServer f = H2TestServer.cleartext(options, (req, res) -> {
            if (req.url().equals("/empty")) {
                res.writeHead(204).end();
                return;
            }
            res.onClose(() -> closed.complete(res.writableFinished()));
            res.write("x".repeat(100_000));
        }); RawH2 c = RawH2.open(f.port, 0x4, 0)) {
            long start = System.nanoTime();
            c.request(1, "GET", "/big", true);
            RawH2.Frame rst;
            do {
                rst = c.until(RawH2.RST_STREAM);
            } while (rst != null && rst.stream() != 1);
            assertNotNull(rst);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 450 && ms < 5000, ms + " ms");
            assertEquals(false, closed.get(5, TimeUnit.SECONDS));
            c.request(3, "GET", "/empty", true);
            RawH2.Frame head;
            do {
                head = c.until(RawH2.HEADERS);
            } while (head != null && head.stream() != 3);
            assertNotNull(head);
            assertEquals("204", c.decode(head).status().toString());
        }
    }

    @Test
    void streamsPastMaxConcurrentStreamsAreRefused() throws Exception {
        try (H2TestServer f = H2TestServer.cleartext((req, res) -> {
            // Never answers: every stream stays open.
        }); RawH2 c = RawH2.open(f.port)) {
            RawH2.Frame settings = c.read();
            assertEquals(RawH2.SETTINGS, settings.type());
            ByteBuffer p = ByteBuffer.wrap(settings.payload());
            int maxStreams = -1;
            while (p.remaining() >= 6) {
                int id = p.getShort();
                int value = p.getInt();
                if (id == 0x3) {
                    maxStreams = value;
                }
            }
            assertEquals(100, maxStreams);
            c.settingsAck();
            for (int i = 0; i < 101; i++) {
                c.request(1 + 2 * i, "GET", "/" + i, true);
            }
            RawH2.Frame rst = c.until(RawH2.RST_STREAM);
            assertNotNull(rst);
            assertEquals(201, rst.stream());
            assertEquals(REFUSED_STREAM, rst.errorCode());
            assertEquals(100, (int) f.tester.call(() -> f.handlerCalls.get()));
        }
    }

    /** An HPACK literal field without indexing, name and value as plain strings (each under 127 bytes or not). */
    static byte[] literal(String name, String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x00);
        string(out, name.getBytes(StandardCharsets.US_ASCII));
        string(out, value.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, byte[] bytes) {
        int length = bytes.length;
        if (length < 127) {
            out.write(length);
        } else {
            out.write(127);
            length -= 127;
            while (length >= 128) {
                out.write((length & 0x7f) | 0x80);
                length >>>= 7;
            }
            out.write(length);
        }
        out.write(bytes, 0, bytes.length);
    }
}
