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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The idle timeout against raw peers that complete the handshake and then never answer a ping (either end: the
 * connection ends with {@code ETIMEDOUT} within a bound, and the peer saw the ping), a peer that answers staying
 * connected, and {@code pause}/{@code resume}: a paused connection delivers no message and stops reading, so the
 * kernel's buffers fill and the peer's writes stop; after {@code resume} every message arrives, in order.
 */
@org.junit.jupiter.api.Timeout(60)
class IdleAndPauseTest {
    private static final long IDLE_MS = 200;
    /** How long after the idle timeout's two periods the connection may take to end, at most. */
    private static final long SLACK_MS = 3000;

    private final List<String> log = new CopyOnWriteArrayList<>();

    /** A Stardust server with the idle timeout on; a raw client that upgrades, sees the ping and never answers. */
    @Test
    void serverEndsAClientThatNeverAnswersPingsWithEtimedout() throws Exception {
        CompletableFuture<Long> ended = new CompletableFuture<>();
        try (LoopTester t = LoopTester.start()) {
            HttpServer http = t.call(() -> Http.createServer((req, res) -> res.end()));
            t.call(() -> WebSocketServer.attach(http, WebSocketOptions.defaults().withIdleTimeoutMs(IDLE_MS))
                    .onConnection(ws -> {
                        long opened = System.nanoTime();
                        ws.onError(e -> log.add("error " + ((StardustException) e).code()));
                        ws.onClose(e -> {
                            log.add("close " + e.code());
                            ended.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened));
                        });
                    }));
            int port = t.await(() -> http.listen(0, "127.0.0.1")).address().port();
            try (Socket raw = new Socket()) {
                raw.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                raw.setSoTimeout((int) (2 * IDLE_MS + SLACK_MS));
                DataInputStream in = new DataInputStream(raw.getInputStream());
                raw.getOutputStream().write(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                assertTrue(head(in).startsWith("HTTP/1.1 101"));
                int[] frame = frame(in);
                assertEquals(0x89, frame[0], "a ping, fin set");
                assertEquals(0, frame[1], "unmasked, empty");
                assertEquals(-1, in.read(), "then the server ends the connection, without a close frame");
            }
            long ms = ended.get(2 * IDLE_MS + SLACK_MS, TimeUnit.MILLISECONDS);
            assertTrue(ms >= IDLE_MS && ms <= 2 * IDLE_MS + SLACK_MS, "ended after " + ms + " ms");
            assertEquals(List.of("error ETIMEDOUT", "close 1006"), log);
            t.await(() -> http.close());
        }
    }

    /** A Stardust client with the idle timeout on; a raw server that answers the upgrade and never a ping. */
    @Test
    void clientEndsAServerThatNeverAnswersPingsWithEtimedout() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> peer = CompletableFuture.supplyAsync(() -> {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout((int) (2 * IDLE_MS + SLACK_MS));
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    String request = head(in);
                    String key = request.lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
                            .findFirst().orElseThrow().substring(18).trim();
                    s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                            + accept(key) + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    int[] frame = frame(in);
                    return String.format("%02x %02x eof %d", frame[0], frame[1], in.read());
                } catch (IOException e) {
                    return e.toString();
                }
            });
            long[] ms = new long[1];
            LoopTester.run(t -> {
                long start = System.nanoTime();
                WebSocket ws = WebSocket.connect("ws://127.0.0.1:" + listener.getLocalPort() + "/",
                        WebSocketOptions.defaults().withIdleTimeoutMs(IDLE_MS));
                ws.onOpen(t.expect(() -> log.add("open")));
                ws.onError(t.expect((Throwable e) -> log.add("error " + ((StardustException) e).code())));
                ws.onClose(t.expect((CloseEvent e) -> {
                    log.add("close " + e.code());
                    ms[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                }));
            });
            assertEquals(List.of("open", "error ETIMEDOUT", "close 1006"), log);
            assertTrue(ms[0] >= IDLE_MS && ms[0] <= 2 * IDLE_MS + SLACK_MS, "ended after " + ms[0] + " ms");
            // 0x89: a ping with fin; 0x80: masked (a client always masks), empty; then the client hung up.
            assertEquals("89 80 eof -1", peer.get(SLACK_MS, TimeUnit.MILLISECONDS));
        }
    }

    /** The same timeout towards a peer that answers: it stays connected through several pings. */
    @Test
    void aPeerThatAnswersPingsStaysConnected() {
        LoopTester.run(t -> {
            HttpServer http = Http.createServer((req, res) -> res.end());
            WebSocketServer wss = WebSocketServer.attach(http);
            wss.onConnection(ws -> ws.onClose(t.expect((CloseEvent e) -> {
                log.add("server close " + e.code());
                wss.close();
                http.close();
            })));
            http.listen(0, "127.0.0.1").onSuccess(s -> {
                WebSocket ws = WebSocket.connect("ws://127.0.0.1:" + s.address().port() + "/",
                        WebSocketOptions.defaults().withIdleTimeoutMs(50));
                ws.onError(e -> log.add("error " + e));
                ws.onPong(t.expect((Buffer b) -> {
                    log.add("pong");
                    if (log.size() == 3) {
                        ws.close(1000, "");
                    }
                }, 3));
                ws.onClose(t.expect((CloseEvent e) -> log.add("client close " + e.code())));
            });
        });
        log.sort(null);
        assertEquals(List.of("client close 1000", "pong", "pong", "pong", "server close 1000"), log);
    }

    @Test
    void aPausedConnectionDeliversNothingAndStopsReadingThenResumesInOrder() throws Exception {
        int count = 1024; // of 64 KiB: 64 MiB, far more than the kernel's buffers hold
        int size = 64 * 1024;
        List<Integer> got = new ArrayList<>(); // loop thread only
        CompletableFuture<List<Integer>> all = new CompletableFuture<>();
        try (LoopTester t = LoopTester.start()) {
            WebSocket[] server = new WebSocket[1];
            HttpServer http = t.call(() -> Http.createServer((req, res) -> res.end()));
            t.call(() -> WebSocketServer.attach(http).onConnection(ws -> {
                ws.pause();
                server[0] = ws;
                ws.onMessage(m -> {
                    got.add(m.data().readInt32BE(0));
                    if (got.size() == count) {
                        all.complete(List.copyOf(got));
                    }
                });
            }));
            int port = t.await(() -> http.listen(0, "127.0.0.1")).address().port();
            try (SocketChannel raw = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                    Selector selector = Selector.open()) {
                raw.socket().setSoTimeout(10_000);
                raw.write(ByteBuffer.wrap(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
                assertTrue(head(raw.socket().getInputStream()).startsWith("HTTP/1.1 101"));
                assertTrue(t.call(() -> server[0].isPaused()));
                raw.configureBlocking(false);
                raw.register(selector, SelectionKey.OP_WRITE);
                long written = 0;
                int sent = 0;
                ByteBuffer frame = binaryFrame(sent, size);
                // Write until the kernel takes nothing more for a second: the server has stopped reading.
                while (sent < count) {
                    written += raw.write(frame);
                    if (!frame.hasRemaining()) {
                        frame = binaryFrame(++sent, size);
                    } else if (selector.select(1000) == 0) {
                        break;
                    } else {
                        selector.selectedKeys().clear();
                    }
                }
                assertTrue(sent < count, "the paused server read all " + written + " bytes");
                log.add("stuck after " + sent + " messages");
                assertEquals(List.of(), t.call(() -> List.copyOf(got)), "no message while paused");
                t.execute(() -> server[0].resume());
                while (sent < count) {
                    raw.write(frame);
                    if (!frame.hasRemaining()) {
                        frame = binaryFrame(++sent, size);
                    } else {
                        assertTrue(selector.select(10_000) > 0, "the resumed server reads again");
                        selector.selectedKeys().clear();
                    }
                }
                List<Integer> order = all.get(20, TimeUnit.SECONDS);
                for (int i = 0; i < count; i++) {
                    assertEquals(i, order.get(i));
                }
                assertTrue(t.call(() -> !server[0].isPaused()));
            }
            t.await(() -> http.close());
        }
    }

    /** A masked binary frame (key 0, so the payload reads as it is) whose payload starts with {@code seq}. */
    private static ByteBuffer binaryFrame(int seq, int size) {
        ByteBuffer b = ByteBuffer.allocate(2 + 8 + 4 + size);
        b.put((byte) 0x82).put((byte) (0x80 | 127)).putLong(size).putInt(0).putInt(seq);
        b.position(b.limit()).flip();
        return b;
    }

    private static String accept(String key) {
        try {
            return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Reads an HTTP head byte by byte, so that nothing after it is consumed. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end before the head's end: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** The first two bytes of a short frame; its mask key and payload are skipped. */
    private static int[] frame(DataInputStream in) throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        in.skipNBytes(((b1 & 0x80) != 0 ? 4 : 0) + (b1 & 0x7f));
        return new int[] {b0, b1};
    }
}
