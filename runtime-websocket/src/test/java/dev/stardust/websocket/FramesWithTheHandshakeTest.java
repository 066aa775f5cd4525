package dev.stardust.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stardust.Timers;
import dev.stardust.http.Http;
import dev.stardust.http.HttpServer;
import dev.stardust.testing.LoopTester;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Frames that arrive in the same read as the handshake (after the client's {@code 101}, after the server's upgrade
 * request) are buffered before the frame decoder exists; a connection paused before it opened (client) or in
 * {@code connection} (server) must hold them, as it holds everything read later, until {@code resume}. Raw peers
 * write the head and the frames in one write.
 */
@org.junit.jupiter.api.Timeout(30)
class FramesWithTheHandshakeTest {
    /** How long a paused connection is watched for a message it must not deliver. */
    private static final long PAUSED_MS = 150;

    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void aClientPausedWhileConnectingHoldsFramesThatCameWithThe101() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> peer = CompletableFuture.supplyAsync(() -> {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout(10_000);
                    InputStream in = s.getInputStream();
                    String key = header(head(in), "sec-websocket-key");
                    byte[] head = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                    s.getOutputStream().write(concat(head, textFrame("one", false), textFrame("two", false)));
                    // The client's close frame (masked: 2 + 4 + 2 bytes), answered; then the server ends the TCP.
                    byte[] close = in.readNBytes(8);
                    s.getOutputStream().write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xe8});
                    return String.format("%02x %02x", close[0], close[1]);
                } catch (IOException e) {
                    return e.toString();
                }
            });
            LoopTester.run(t -> {
                WebSocket ws = WebSocket.connect("ws://127.0.0.1:" + listener.getLocalPort() + "/");
                ws.pause();
                ws.onMessage(t.expect(m -> log.add("message " + m.text()), 2));
                ws.onOpen(t.expect(() -> {
                    log.add("open, paused " + ws.isPaused());
                    Timers.setTimeout(() -> {
                        log.add("resume");
                        ws.resume();
                    }, PAUSED_MS);
                }));
                ws.onMessage(m -> {
                    if (m.text().equals("two")) {
                        ws.close(1000, "");
                    }
                });
                ws.onClose(t.expect((CloseEvent e) -> log.add("close " + e.code())));
            });
            assertEquals(List.of("open, paused true", "resume", "message one", "message two", "close 1000"), log);
            assertEquals("88 82", peer.get(10, TimeUnit.SECONDS));
        }
    }

    /** What a paused connection held is dropped (and its buffers released: the leak check runs) when it ends. */
    @Test
    void aPausedClientThatEndsDropsWhatItHeld() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> peer = CompletableFuture.supplyAsync(() -> {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout(10_000);
                    InputStream in = s.getInputStream();
                    String key = header(head(in), "sec-websocket-key");
                    byte[] head = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                    s.getOutputStream().write(concat(head, textFrame("never seen", false)));
                    return in.read();
                } catch (IOException e) {
                    return -2;
                }
            });
            LoopTester.run(t -> {
                WebSocket ws = WebSocket.connect("ws://127.0.0.1:" + listener.getLocalPort() + "/");
                ws.pause();
                ws.onMessage(m -> log.add("message " + m.text()));
                ws.onOpen(t.expect(() -> Timers.setTimeout(ws::terminate, PAUSED_MS)));
                ws.onClose(t.expect((CloseEvent e) -> log.add("close " + e.code())));
            });
            assertEquals(List.of("close 1006"), log);
            assertEquals(-1, peer.get(10, TimeUnit.SECONDS), "the client hung up");
        }
    }

    @Test
    void aServerConnectionPausedOnConnectionHoldsFramesThatCameWithTheRequest() throws Exception {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        try (LoopTester t = LoopTester.start()) {
            HttpServer http = t.call(() -> Http.createServer((req, res) -> res.end()));
            t.call(() -> WebSocketServer.attach(http).onConnection(ws -> {
                ws.pause();
                log.add("connection, paused " + ws.isPaused());
                ws.onMessage(m -> log.add("message " + m.text()));
                ws.onClose(e -> {
                    log.add("close " + e.code());
                    closed.complete(null);
                });
                Timers.setTimeout(() -> {
                    log.add("resume");
                    ws.resume();
                }, PAUSED_MS);
            }));
            int port = t.await(() -> http.listen(0, "127.0.0.1")).address().port();
            try (Socket raw = new Socket()) {
                raw.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                raw.setSoTimeout(10_000);
                byte[] request = ("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                // Two texts and a close (1000), masked as a client's frames must be, all in the request's write.
                byte[] close = {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xe8};
                raw.getOutputStream().write(concat(request, textFrame("one", true), textFrame("two", true), close));
                InputStream in = raw.getInputStream();
                head(in);
                byte[] answer = in.readNBytes(4);
                assertEquals("88 02 03 e8", String.format("%02x %02x %02x %02x", answer[0], answer[1], answer[2],
                        answer[3]), "the server's close frame echoes 1000, after it resumed");
            }
            closed.get(10, TimeUnit.SECONDS);
            assertEquals(List.of("connection, paused true", "resume", "message one", "message two", "close 1000"),
                    log);
            t.await(() -> http.close());
        }
    }

    /** A text frame with {@code fin} set, masked with the key 0 (so its payload reads as it is) when {@code masked}. */
    private static byte[] textFrame(String text, boolean masked) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[2 + (masked ? 4 : 0) + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) ((masked ? 0x80 : 0) | payload.length);
        System.arraycopy(payload, 0, frame, frame.length - payload.length, payload.length);
        return frame;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static String header(String head, String name) {
        List<String> found = new ArrayList<>();
        head.lines().filter(l -> l.toLowerCase().startsWith(name + ":"))
                .forEach(l -> found.add(l.substring(name.length() + 1).trim()));
        return found.get(0);
    }

    private static String accept(String key) {
        try {
            return Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-1")
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
}
