package dev.stardust.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.http.HttpServer;
import dev.stardust.testing.Chromium;
import dev.stardust.testing.LoopTester;
import dev.stardust.websocket.WebSocket;
import dev.stardust.websocket.WebSocketOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ws-chat} in a real browser: two headless Chromium pages load the chat page from the example's server; a
 * line typed into one (DevTools' {@code Input.insertText}, then Enter) reaches both through the server's broadcast,
 * and the other's answer comes back. A screenshot of the second page goes to {@code target/ws-chat.png}. A
 * WebSocket from a foreign origin is refused with {@code 403}; the README shows the server's code as it is.
 */
@Timeout(120)
class WsChatExampleTest {
    static final Path SCREENSHOT = Path.of("target", "ws-chat.png");

    /** Resolves with the status line once the page's socket is no longer connecting. */
    private static final String CONNECTED = """
            new Promise(resolve => {
              const poll = () => {
                const s = document.getElementById('status');
                if (s && s.textContent !== 'connecting...') resolve(s.textContent); else setTimeout(poll, 20);
              };
              poll();
            })""";

    @Test
    void aLineTypedInOnePageReachesTheOtherThroughTheServer() throws Exception {
        try (LoopTester t = LoopTester.start()) {
            HttpServer http = t.call(WsChatExample::createServer);
            int port = t.await(() -> http.listen(0, "127.0.0.1")).address().port();
            String url = "http://127.0.0.1:" + port + "/";
            try (Chromium chromium = Chromium.launch();
                    DevTools devTools = DevTools.connect(t, chromium.devToolsUrl(Duration.ofSeconds(30)))) {
                String alice = open(devTools, url);
                String bob = open(devTools, url);
                assertEquals("connected", devTools.evaluate(alice, CONNECTED), chromium::log);
                assertEquals("connected", devTools.evaluate(bob, CONNECTED), chromium::log);

                type(devTools, alice, "hello from alice, grüße ✓");
                List<?> toBob = (List<?>) devTools.evaluate(bob, lines(1));
                String aliceLine = (String) toBob.get(0);
                assertTrue(aliceLine.matches("\\d+> hello from alice, grüße ✓"), aliceLine);
                type(devTools, bob, "hi alice");
                List<?> toAlice = (List<?>) devTools.evaluate(alice, lines(2));
                assertEquals(aliceLine, toAlice.get(0), "the sender sees its own line too");
                String bobLine = (String) toAlice.get(1);
                assertTrue(bobLine.matches("\\d+> hi alice"), bobLine);
                assertNotEquals(aliceLine.split(">")[0], bobLine.split(">")[0], "each page has its own name");
                assertEquals("", devTools.evaluate(alice, "document.getElementById('text').value"), "input cleared");

                screenshot(devTools, bob);
            }
            assertEquals("WS_ERR_UNEXPECTED_RESPONSE: Unexpected server response: 403", foreignOrigin(t, port));
            t.await(() -> http.close());
        }
    }

    @Test
    void readmeShowsTheCompiledChatServer() throws IOException {
        ReadmeRegion.assertReadmeShows("ws-chat", "WsChatExample.java");
    }

    /**
     * A new page, navigated to {@code url} once attached; returns once scripts run in that document (not in the
     * about:blank it replaced, whose context the navigation destroys, which may fail an evaluation under way).
     */
    private static String open(DevTools devTools, String url) throws Exception {
        String session = devTools.open("about:blank");
        devTools.call(session, "Page.navigate", Map.of("url", url));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                if (url.equals(devTools.evaluate(session, "location.href"))) {
                    return session;
                }
            } catch (AssertionError destroyed) {
                // The evaluation ran in the document being replaced: ask again in the new one.
            }
            assertTrue(System.nanoTime() < deadline, "the page did not load " + url);
        }
    }

    /** Types {@code text} into the page's input as a keyboard would, then presses Enter, which submits the form. */
    private static void type(DevTools devTools, String page, String text) throws Exception {
        devTools.evaluate(page, "document.getElementById('text').focus()");
        devTools.call(page, "Input.insertText", Map.of("text", text));
        for (String type : List.of("keyDown", "keyUp")) {
            devTools.call(page, "Input.dispatchKeyEvent", Map.of("type", type, "key", "Enter", "code", "Enter",
                    "windowsVirtualKeyCode", 13, "text", "\r"));
        }
    }

    /** Resolves with the chat's lines once there are {@code n}. */
    private static String lines(int n) {
        return """
                new Promise(resolve => {
                  const poll = () => {
                    const items = [...document.querySelectorAll('#log li')].map(li => li.textContent);
                    if (items.length >= %d) resolve(items); else setTimeout(poll, 20);
                  };
                  poll();
                })""".formatted(n);
    }

    /** Saves the page as a PNG, the evidence that the chat renders in a browser. */
    private static void screenshot(DevTools devTools, String page) throws Exception {
        String png = (String) devTools.call(page, "Page.captureScreenshot", Map.of("format", "png")).get("data");
        byte[] bytes = Base64.getDecoder().decode(png);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4));
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, bytes);
    }

    /** The error of a client whose handshake claims another site's page as its origin. */
    private static String foreignOrigin(LoopTester t, int port) throws Exception {
        CompletableFuture<String> error = new CompletableFuture<>();
        t.execute(() -> WebSocket.connect("ws://127.0.0.1:" + port + "/chat", WebSocketOptions.defaults()
                .withHeaders(Map.of("Origin", "http://evil.example"))).onError(e -> error.complete(e.getMessage())));
        return error.get(10, TimeUnit.SECONDS);
    }
}
