package dev.stardust.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stardust.Buffer;
import dev.stardust.http.HttpServer;
import dev.stardust.testing.LoopTester;
import dev.stardust.websocket.CloseEvent;
import dev.stardust.websocket.Message;
import dev.stardust.websocket.WebSocket;
import dev.stardust.websocket.WebSocketOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ws-echo}: a compressing client gets its text and binary back from {@code /echo}; the README shows the code. */
class WsEchoExampleTest {

    @Test
    void echoesTextAndBinaryWithCompression() {
        List<String> log = new ArrayList<>();
        LoopTester.run(t -> {
            HttpServer http = WsEchoExample.createServer();
            http.listen(0, "127.0.0.1").onSuccess(s -> {
                WebSocket ws = WebSocket.connect("ws://127.0.0.1:" + s.address().port() + "/echo",
                        WebSocketOptions.defaults().withPerMessageDeflate(true));
                ws.onOpen(t.expect(() -> {
                    log.add("extensions " + ws.extensions().split(";")[0]);
                    ws.send("grüße ".repeat(1000));
                    ws.send(Buffer.from(new byte[] {0, 1, (byte) 255}));
                }));
                ws.onMessage(t.expect((Message m) -> {
                    log.add(m.binary() ? "binary " + m.data().toString("hex") : "text " + m.text().length());
                    if (m.binary()) {
                        ws.close(1000, "bye");
                    }
                }, 2));
                ws.onClose(t.expect((CloseEvent e) -> {
                    log.add("close " + e.code());
                    http.close();
                }));
            });
        });
        assertEquals(List.of("extensions permessage-deflate", "text 6000", "binary 0001ff", "close 1000"), log);
    }

    @Test
    void readmeShowsTheCompiledEchoServer() throws IOException {
        ReadmeRegion.assertReadmeShows("ws-echo", "WsEchoExample.java");
    }
}
