package dev.stardust.examples;

import dev.stardust.Loop;
import dev.stardust.http.Http;
import dev.stardust.http.HttpServer;
import dev.stardust.websocket.WebSocketOptions;
import dev.stardust.websocket.WebSocketServer;

/** {@code ws-echo [PORT]}: a WebSocket echo server on {@code /echo}, node's {@code ws} echo in a few lines. */
public final class WsEchoExample implements Example {

    @Override
    public String name() {
        return "ws-echo";
    }

    @Override
    public String description() {
        return "[PORT] WebSocket echo server on ws://localhost:PORT/echo (default 8080), permessage-deflate on";
    }

    @Override
    public int run(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Loop.run(() -> createServer().listen(port)
                .onSuccess(s -> System.out.println("ws-echo listening on ws://localhost:" + port + "/echo")));
        return 0;
    }

    /** The echo server, not listening yet; the README shows the code between the markers. */
    static HttpServer createServer() {
        // readme:ws-echo begin
        HttpServer http = Http.createServer((req, res) -> res.end("connect a WebSocket to /echo\n"));
        WebSocketServer.attach(http, WebSocketOptions.defaults().withPath("/echo").withPerMessageDeflate(true))
                .onConnection(ws -> ws.onMessage(m -> {
                    if (m.binary()) {
                        ws.send(m.data());
                    } else {
                        ws.send(m.text());
                    }
                }));
        // readme:ws-echo end
        return http;
    }
}
