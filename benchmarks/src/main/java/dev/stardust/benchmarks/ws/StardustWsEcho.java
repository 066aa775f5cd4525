package dev.stardust.benchmarks.ws;

import dev.stardust.Loop;
import dev.stardust.websocket.WebSocketOptions;
import dev.stardust.websocket.WebSocketServer;

/**
 * The Stardust WebSocket echo under test: a {@link WebSocketServer} of its own on one loop, sending each message back
 * as it came (text as text, binary as binary), with the default options (no {@code permessage-deflate}, as node's
 * {@code ws} server). {@code java -cp stardust-benchmarks.jar dev.stardust.benchmarks.ws.StardustWsEcho PORT}.
 */
public final class StardustWsEcho {
    private StardustWsEcho() {
    }

    /** {@code StardustWsEcho PORT}. */
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Loop.run(() -> WebSocketServer.create(WebSocketOptions.defaults())
                .onConnection(ws -> ws.onMessage(m -> {
                    if (m.binary()) {
                        ws.send(m.data());
                    } else {
                        ws.send(m.text());
                    }
                }))
                .listen(port, "127.0.0.1")
                .onSuccess(s -> System.out.println("stardust ws echo on " + port)));
    }
}
