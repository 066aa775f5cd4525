package dev.stardust.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.http.Http;
import dev.stardust.http.HttpServer;
import dev.stardust.stream.Consumers;
import dev.stardust.testing.Chromium;
import dev.stardust.testing.LoopTester;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A real browser as the peer: headless Chromium loads a page from a Stardust HTTP server; the page's script opens a
 * WebSocket to the same server (Chromium offers {@code permessage-deflate}, and the server accepts it), exchanges
 * text (UTF-8 beyond ASCII), binary, a 1 MiB text that the browser compresses and a 1 MiB binary that the server
 * sends in 16 fragments, closes with {@code 1000}, and POSTs what it saw back to the server. The test asserts on
 * that report and on what the server saw; the handshake hook admits only the page's own origin.
 */
@org.junit.jupiter.api.Timeout(120)
class BrowserTest {
    private static final int LARGE_BINARY = 1024 * 1024;
    private static final int FRAGMENTS = 16;

    private static final String PAGE = """
            <!doctype html>
            <meta charset="utf-8">
            <title>Stardust WebSocket test</title>
            <script>
            const seen = [];
            let reported = false;
            function finish() {
              if (!reported) {
                reported = true;
                fetch('/report', {method: 'POST', body: seen.join('\\n')});
              }
            }
            window.onerror = (message) => { seen.push('page error ' + message); finish(); };
            const large = 'stardust '.repeat(131072);
            const ws = new WebSocket('ws://' + location.host + '/ws');
            ws.binaryType = 'arraybuffer';
            let step = 0;
            ws.onopen = () => {
              seen.push('open ' + ws.extensions);
              ws.send('hello, grüße ✓');
            };
            ws.onmessage = (e) => {
              step++;
              if (step === 1) {
                seen.push('text ' + e.data);
                ws.send(Uint8Array.from({length: 256}, (v, i) => i));
              } else if (step === 2) {
                const b = new Uint8Array(e.data);
                seen.push('binary ' + b.length + ' ' + b.every((v, i) => v === i));
                ws.send(large);
              } else if (step === 3) {
                seen.push('large text ' + e.data);
              } else if (step === 4) {
                const b = new Uint8Array(e.data);
                seen.push('large binary ' + b.length + ' ' + b.every((v, i) => v === i % 251));
                ws.close(1000, 'done');
              }
            };
            ws.onerror = () => seen.push('error');
            ws.onclose = (e) => { seen.push('close ' + e.code + ' ' + e.reason + ' ' + e.wasClean); finish(); };
            </script>
            <p>WebSocket test page</p>
            """;

    @Test
    void chromiumExchangesTextBinaryAndCompressedAndFragmentedMessagesWithAStardustServer() throws Exception {
        String large = "stardust ".repeat(131072);
        CompletableFuture<String> report = new CompletableFuture<>();
        List<String> server = new ArrayList<>(); // loop thread only
        try (LoopTester t = LoopTester.start()) {
            HttpServer http = t.call(() -> Http.createServer((req, res) -> {
                if (req.method().equals("POST") && req.url().equals("/report")) {
                    Consumers.text(req, 64 * 1024).onSuccess(body -> {
                        report.complete(body);
                        res.statusCode(204);
                        res.end();
                    });
                } else if (req.url().equals("/")) {
                    res.setHeader("Content-Type", "text/html; charset=utf-8");
                    res.end(PAGE);
                } else {
                    res.statusCode(404);
                    res.end();
                }
            }));
            int port = t.await(() -> http.listen(0, "127.0.0.1")).address().port();
            String origin = "http://127.0.0.1:" + port;
            WebSocketServer wss = t.call(() -> WebSocketServer.attach(http, WebSocketOptions.defaults()
                    .withPath("/ws").withPerMessageDeflate(true).withHandshake(h -> {
                        if (h.origin().orElse("").equals(origin)) {
                            h.accept();
                        } else {
                            h.reject(403, "foreign origin " + h.origin());
                        }
                    })));
            t.call(() -> wss.onConnection(ws -> {
                server.add("connection " + ws.extensions());
                ws.onMessage(m -> {
                    if (m.binary()) {
                        server.add("binary " + m.data().length());
                        ws.send(m.data());
                    } else if (m.data().length() < 1000) {
                        server.add("text " + m.text());
                        ws.send("echo " + m.text());
                    } else {
                        server.add("large text " + m.data().length());
                        ws.send("got " + m.text().length() + " chars, " + (m.text().equals(large) ? "intact"
                                : "corrupt"));
                        sendFragmented(ws);
                    }
                });
                ws.onClose(e -> server.add("close " + e.code() + " " + e.reason()));
            }));
            try (Chromium chromium = Chromium.launch(origin + "/")) {
                String seen;
                try {
                    seen = report.get(60, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError("no report from the page; server saw " + t.call(() -> List.copyOf(
                            server)) + "; chromium's log:\n" + chromium.log());
                }
                List<String> lines = List.of(seen.split("\n"));
                assertEquals(6, lines.size(), seen);
                assertTrue(lines.get(0).startsWith("open permessage-deflate"), seen);
                assertEquals(List.of("text echo hello, grüße ✓", "binary 256 true",
                        "large text got 1179648 chars, intact", "large binary " + LARGE_BINARY + " true",
                        "close 1000 done true"), lines.subList(1, 6));
            }
            List<String> saw = t.call(() -> List.copyOf(server));
            assertTrue(saw.get(0).startsWith("connection permessage-deflate"), saw.toString());
            assertEquals(List.of("text hello, grüße ✓", "binary 256", "large text 1179648", "close 1000 done"),
                    saw.subList(1, saw.size()));
            t.await(() -> wss.close());
            t.await(() -> http.close());
        }
    }

    /** 1 MiB whose byte {@code i} is {@code i % 251}, as {@link #FRAGMENTS} frames of one binary message. */
    private static void sendFragmented(WebSocket ws) {
        byte[] all = new byte[LARGE_BINARY];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) (i % 251);
        }
        Buffer data = Buffer.wrap(all);
        int size = LARGE_BINARY / FRAGMENTS;
        for (int i = 0; i < FRAGMENTS; i++) {
            ws.send(data.slice(i * size, (i + 1) * size), i == FRAGMENTS - 1);
        }
    }
}
