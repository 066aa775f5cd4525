package dev.stardust.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.http.Http;
import dev.stardust.http.HttpServer;
import dev.stardust.testing.LoopTester;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fragmented sends (node's {@code ws.send(data, {fin: false})}): a raw client sees the first fragment with the
 * message's opcode, continuations after it, a ping in between and fin only on the last; and a Stardust peer, with and
 * without {@code permessage-deflate}, receives whole messages.
 */
@org.junit.jupiter.api.Timeout(60)
class FragmentedSendTest {

    @Test
    void aRawPeerSeesContinuationFramesWithAPingInBetween() throws Exception {
        try (LoopTester t = LoopTester.start()) {
            HttpServer http = t.call(() -> Http.createServer((req, res) -> res.end()));
            t.call(() -> WebSocketServer.attach(http).onConnection(ws -> {
                ws.send("fra", false);
                ws.ping(Buffer.from("p"));
                ws.send("gm", false);
                ws.send("ent", true);
                ws.send(Buffer.from(new byte[] {1}), false);
                ws.send("two", true); // a continuation, whatever its type, as ws
                ws.send("whole");
            }));
            int port = t.await(() -> http.listen(0, "127.0.0.1")).address().port();
            try (Socket raw = new Socket()) {
                raw.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                raw.setSoTimeout(10_000);
                DataInputStream in = new DataInputStream(raw.getInputStream());
                raw.getOutputStream().write(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                    head.write(in.readUnsignedByte());
                }
                assertTrue(head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101"));
                List<String> frames = new ArrayList<>();
                for (int i = 0; i < 7; i++) {
                    int b0 = in.readUnsignedByte();
                    int b1 = in.readUnsignedByte();
                    byte[] payload = in.readNBytes(b1 & 0x7f);
                    frames.add(String.format("%02x ", b0) + (b0 == 0x00 && payload.length == 1
                            ? "0" + payload[0] : new String(payload, StandardCharsets.UTF_8)));
                }
                // fin (0x80) only on each message's last frame; 0x1 text, 0x2 binary, 0x0 continuation, 0x9 ping.
                assertEquals(List.of("01 fra", "89 p", "00 gm", "80 ent", "02 \u0001", "80 two", "81 whole"), frames);
            }
            t.await(() -> http.close());
        }
    }

    @Test
    void aStardustPeerReceivesWholeMessagesWithAndWithoutCompression() {
        for (boolean deflate : new boolean[] {false, true}) {
            List<String> log = new ArrayList<>();
            LoopTester.run(t -> {
                HttpServer http = Http.createServer((req, res) -> res.end());
                WebSocketServer wss = WebSocketServer.attach(http, WebSocketOptions.defaults()
                        .withPerMessageDeflate(deflate));
                wss.onConnection(ws -> {
                    ws.onMessage(m -> log.add("server got " + (m.binary() ? "binary " + m.data().toString("hex")
                            : "text " + m.text())));
                    ws.onMessage(m -> {
                        // Echo in fragments; the client compresses too when deflate is on.
                        String text = m.binary() ? m.data().toString("hex") : m.text();
                        ws.send(text.substring(0, 2), false);
                        ws.send(text.substring(2), true);
                    });
                    ws.onClose(e -> {
                        wss.close();
                        http.close();
                    });
                });
                http.listen(0, "127.0.0.1").onSuccess(s -> {
                    WebSocket ws = WebSocket.connect("ws://127.0.0.1:" + s.address().port() + "/",
                            WebSocketOptions.defaults().withPerMessageDeflate(deflate));
                    ws.onOpen(() -> {
                        log.add("extensions " + !ws.extensions().isEmpty());
                        ws.send("abc ".repeat(20), false);
                        ws.send("", false);
                        ws.send("xyz ".repeat(20), true);
                        ws.send(Buffer.from(new byte[] {1, 2}), false);
                        ws.send(Buffer.from(new byte[] {3}), true);
                    });
                    int[] got = new int[1];
                    ws.onMessage(t.expect((Message m) -> {
                        log.add("client got " + m.text().length());
                        if (++got[0] == 2) {
                            ws.close(1000, "");
                        }
                    }, 2));
                });
            });
            log.sort(null);
            assertEquals(List.of("client got 160", "client got 6", "extensions " + deflate,
                    "server got binary 010203", "server got text " + "abc ".repeat(20) + "xyz ".repeat(20)), log);
        }
    }
}
