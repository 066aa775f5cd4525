package dev.stardust.examples;

import dev.stardust.Loop;
import dev.stardust.http.Http;
import dev.stardust.http.HttpServer;
import dev.stardust.websocket.WebSocket;
import dev.stardust.websocket.WebSocketOptions;
import dev.stardust.websocket.WebSocketServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code ws-chat [PORT]}: a chat in the browser. The page at {@code /} (plain HTML and JavaScript, in
 * {@code ws-chat.html} next to this class) opens a WebSocket to {@code /chat}, and the server sends each message to
 * everyone connected, the sender included. Open {@code http://localhost:8080/} in two browser tabs.
 */
public final class WsChatExample implements Example {

    @Override
    public String name() {
        return "ws-chat";
    }

    @Override
    public String description() {
        return "[PORT] chat in the browser: open http://localhost:PORT/ (default 8080) in two tabs";
    }

    @Override
    public int run(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Loop.run(() -> createServer().listen(port)
                .onSuccess(s -> System.out.println("chat on http://localhost:" + port + "/ (open it in two tabs)")));
        return 0;
    }

    /** The chat's HTTP server, not listening yet; the README shows the code between the markers. */
    static HttpServer createServer() {
        String page = page();
        // readme:ws-chat begin
        HttpServer http = Http.createServer((req, res) -> {
            res.setHeader("Content-Type", "text/html; charset=utf-8");
            res.end(page);
        });
        WebSocketServer chat = WebSocketServer.attach(http, WebSocketOptions.defaults().withPath("/chat")
                .withMaxPayload(4096).withHandshake(h -> {
                    // A browser says which page opens the socket: only this server's own page may join.
                    String self = "http://" + h.request().headers().get("host").orElse("");
                    if (h.origin().map(self::equals).orElse(true)) {
                        h.accept();
                    } else {
                        h.reject(403, "foreign origin");
                    }
                }));
        chat.onConnection(ws -> ws.onMessage(m -> {
            String line = ws.remotePort() + "> " + m.text();
            for (WebSocket client : chat.clients()) {
                client.send(line);
            }
        }));
        // readme:ws-chat end
        return http;
    }

    private static String page() {
        try (InputStream in = WsChatExample.class.getResourceAsStream("ws-chat.html")) {
            if (in == null) {
                throw new IllegalStateException("ws-chat.html is missing from the examples' jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
