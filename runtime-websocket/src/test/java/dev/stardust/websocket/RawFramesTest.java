package dev.stardust.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.http.Http;
import dev.stardust.http.HttpServer;
import dev.stardust.testing.LoopTester;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * RFC 6455's rules, Autobahn-style, with raw frames from a JDK socket against a Stardust server that echoes: masking,
 * control frames inside a fragmented message, UTF-8 across fragments, close codes, the size limits' 1009, a
 * permessage-deflate zip bomb, and a bounded send buffer towards a peer that never reads.
 */
class RawFramesTest {
    private static final int MAX = 64 * 1024;

    private final List<String> errors = new CopyOnWriteArrayList<>();

    private interface Body {
        void run(Raw raw, WebSocket[] server, LoopTester t) throws Exception;
    }

    private void against(boolean deflate, Body body) throws Exception {
        try (LoopTester t = LoopTester.start()) {
            WebSocket[] server = new WebSocket[1];
            HttpServer http = t.call(() -> Http.createServer((req, res) -> res.end()));
            t.call(() -> WebSocketServer.attach(http, WebSocketOptions.defaults().withMaxPayload(MAX)
                    .withMaxFrameSize(MAX).withPerMessageDeflate(deflate).withMaxBufferedAmount(256 * 1024))
                    .onConnection(ws -> {
                        server[0] = ws;
                        ws.onError(e -> errors.add(((StardustException) e).code()));
                        ws.onMessage(m -> {
                            if (m.binary()) {
                                ws.send(m.data());
                            } else {
                                ws.send(m.text());
                            }
                        });
                    }));
            int port = t.await(() -> http.listen(0, "127.0.0.1")).address().port();
            try (Raw raw = new Raw(port, deflate)) {
                body.run(raw, server, t);
            }
            t.await(() -> http.close());
        }
    }

    @Test
    void unmaskedFrameFromAClientCloses1002() throws Exception {
        against(false, (raw, s, t) -> {
            raw.send(0x1, true, false, "hi".getBytes(StandardCharsets.UTF_8), false);
            assertEquals(1002, raw.closeCode());
            assertEquals(List.of("WS_ERR_EXPECTED_MASK"), errors);
        });
    }

    @Test
    void pingInsideAFragmentedMessageIsAnsweredFirst() throws Exception {
        against(false, (raw, s, t) -> {
            raw.send(0x1, false, false, "frag".getBytes(StandardCharsets.UTF_8), true);
            raw.send(0x9, true, false, "p".getBytes(StandardCharsets.UTF_8), true);
            raw.send(0x0, true, false, "ment".getBytes(StandardCharsets.UTF_8), true);
            assertEquals("a:p", raw.readText());
            assertEquals("1:fragment", raw.readText());
            raw.send(0x8, true, false, new byte[] {0x03, (byte) 0xe8}, true);
            assertEquals(1000, raw.closeCode());
            assertEquals(List.of(), errors);
        });
    }

    @Test
    void invalidUtf8SplitAcrossFragmentsCloses1007() throws Exception {
        against(false, (raw, s, t) -> {
            byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
            raw.send(0x1, false, false, new byte[] {euro[0], euro[1]}, true);
            raw.send(0x0, true, false, new byte[] {euro[2]}, true);
            assertEquals("1:€", raw.readText());
            raw.send(0x1, false, false, new byte[] {euro[0]}, true);
            raw.send(0x0, true, false, new byte[] {(byte) 0x41}, true);
            assertEquals(1007, raw.closeCode());
            assertEquals(List.of("WS_ERR_INVALID_UTF8"), errors);
        });
    }

    @Test
    void invalidCloseCodeCloses1002() throws Exception {
        against(false, (raw, s, t) -> {
            raw.send(0x8, true, false, new byte[] {0x03, (byte) 0xed}, true); // 1005 may not be sent
            assertEquals(1002, raw.closeCode());
            assertEquals(List.of("WS_ERR_INVALID_CLOSE_CODE"), errors);
        });
    }

    @Test
    void messageOverMaxPayloadInFragmentsCloses1009() throws Exception {
        against(false, (raw, s, t) -> {
            raw.send(0x2, false, false, new byte[MAX / 2], true);
            raw.send(0x0, false, false, new byte[MAX / 2], true);
            raw.send(0x0, true, false, new byte[1], true);
            assertEquals(1009, raw.closeCode());
            assertEquals(List.of("WS_ERR_UNSUPPORTED_MESSAGE_LENGTH"), errors);
        });
    }

    @Test
    void frameOverMaxFrameSizeCloses1009() throws Exception {
        against(false, (raw, s, t) -> {
            raw.send(0x2, true, false, new byte[MAX + 1], true);
            assertEquals(1009, raw.closeCode());
            assertEquals(List.of("WS_ERR_UNSUPPORTED_MESSAGE_LENGTH"), errors);
        });
    }

    @Test
    void compressedMessagesEchoAndAZipBombCloses1009() throws Exception {
        against(true, (raw, s, t) -> {
            raw.send(0x1, true, true, raw.deflate("compressed ".repeat(50).getBytes(StandardCharsets.UTF_8)), true);
            byte[] echo = raw.readFrame();
            assertEquals("compressed ".repeat(50), raw.inflate(echo), "the echo, compressed by the server");
            // 64 MiB of zeros deflate to ~64 KiB; a limit of 64 KiB must stop it long before.
            byte[] bomb = raw.deflate(new byte[64 * 1024 * 1024]);
            assertTrue(bomb.length < MAX, "compressed size " + bomb.length);
            raw.send(0x2, true, true, bomb, true);
            assertEquals(1009, raw.closeCode());
            assertEquals(List.of("WS_ERR_UNSUPPORTED_MESSAGE_LENGTH"), errors);
        });
    }

    @Test
    void aPeerThatNeverReadsMakesSendsFailInsteadOfGrowingTheHeap() throws Exception {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        against(false, (raw, server, t) -> {
            raw.send(0x1, true, false, "start".getBytes(StandardCharsets.UTF_8), true);
            assertEquals("1:start", raw.readText());
            WebSocket ws = server[0];
            Buffer chunk = Buffer.alloc(16 * 1024);
            // The raw client now stops reading: the server sends until its bounded buffer refuses.
            t.execute(() -> sendUntilRefused(ws, chunk, 0, outcome));
            String result = outcome.get(20, TimeUnit.SECONDS);
            assertTrue(result.startsWith("refused WS_ERR_SEND_BUFFER_FULL"), result);
        });
    }

    private static void sendUntilRefused(WebSocket ws, Buffer chunk, int sent, CompletableFuture<String> outcome) {
        for (int i = sent; i < 100_000 && !outcome.isDone(); i++) {
            long before = ws.bufferedAmount();
            ws.send(chunk).onFailure(e -> {
                outcome.complete("refused " + ((StardustException) e).code() + " at " + before
                        + " needDrain " + ws.writableNeedDrain());
            });
            if (before > 256 * 1024 + chunk.length()) {
                outcome.complete("buffered past the bound: " + before);
                return;
            }
            if (ws.writableNeedDrain()) {
                // Let the kernel's buffers fill too: go on after the loop has written what it can.
                int next = i + 1;
                dev.stardust.Timers.setTimeout(() -> sendUntilRefused(ws, chunk, next, outcome), 1);
                return;
            }
        }
        outcome.complete("never refused");
    }

    /** A raw WebSocket client on a blocking JDK socket. */
    private static final class Raw implements AutoCloseable {
        private final Socket socket = new Socket();
        private final DataInputStream in;
        private final OutputStream out;
        private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);

        Raw(int port, boolean deflate) throws IOException {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + (deflate ? "Sec-WebSocket-Extensions: permessage-deflate\r\n" : "") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                head.write(in.readUnsignedByte());
            }
            String h = head.toString(StandardCharsets.US_ASCII);
            assertTrue(h.startsWith("HTTP/1.1 101") && h.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), h);
            assertEquals(deflate, h.contains("permessage-deflate"), h);
        }

        byte[] deflate(byte[] data) {
            deflater.setInput(data);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            byte[] step = new byte[65536];
            int n;
            while ((n = deflater.deflate(step, 0, step.length, Deflater.SYNC_FLUSH)) > 0) {
                b.write(step, 0, n);
            }
            byte[] all = b.toByteArray();
            return java.util.Arrays.copyOf(all, all.length - 4); // RFC 7692: without 00 00 ff ff
        }

        String inflate(byte[] frame) throws Exception {
            java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
            byte[] data = java.util.Arrays.copyOfRange(frame, 2, frame.length + 4);
            data[data.length - 2] = (byte) 0xff;
            data[data.length - 1] = (byte) 0xff;
            inflater.setInput(data);
            byte[] out = new byte[4096];
            int n = inflater.inflate(out);
            inflater.end();
            return new String(out, 0, n, StandardCharsets.UTF_8);
        }

        void send(int opcode, boolean fin, boolean rsv1, byte[] payload, boolean masked) throws IOException {
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
            int m = masked ? 0x80 : 0;
            if (payload.length < 126) {
                f.write(m | payload.length);
            } else if (payload.length < 65536) {
                f.write(m | 126);
                f.write(payload.length >> 8);
                f.write(payload.length);
            } else {
                f.write(m | 127);
                for (int i = 7; i >= 0; i--) {
                    f.write((int) ((long) payload.length >> (8 * i)));
                }
            }
            byte[] key = {1, 2, 3, 4};
            if (masked) {
                f.write(key);
            }
            for (int i = 0; i < payload.length; i++) {
                f.write(masked ? payload[i] ^ key[i % 4] : payload[i]);
            }
            out.write(f.toByteArray());
            out.flush();
        }

        /** The next frame: its opcode byte, a colon byte, and its payload (the server never masks). */
        byte[] readFrame() throws IOException {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            assertEquals(0, b1 & 0x80, "a server frame is never masked");
            long len = b1 & 0x7f;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            byte[] frame = new byte[payload.length + 2];
            frame[0] = (byte) (b0 & 0x0f);
            frame[1] = ':';
            System.arraycopy(payload, 0, frame, 2, payload.length);
            return frame;
        }

        String readText() throws IOException {
            byte[] f = readFrame();
            return Integer.toHexString(f[0]) + ":" + new String(f, 2, f.length - 2, StandardCharsets.UTF_8);
        }

        /** Reads frames up to a close frame and returns its code; then the server ends the connection. */
        int closeCode() throws IOException {
            while (true) {
                byte[] f = readFrame();
                if (f[0] == 0x8) {
                    int code = f.length >= 4 ? ((f[2] & 0xff) << 8) | (f[3] & 0xff) : 1005;
                    assertEquals(-1, in.read(), "the server closes the connection after its close frame");
                    return code;
                }
            }
        }

        @Override
        public void close() throws IOException {
            deflater.end();
            socket.close();
        }
    }
}
