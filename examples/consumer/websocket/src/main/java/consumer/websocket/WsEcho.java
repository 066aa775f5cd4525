package consumer.websocket;

import dev.stardust.Loop;
import dev.stardust.http.Http;
import dev.stardust.http.HttpServer;
import dev.stardust.websocket.WebSocket;
import dev.stardust.websocket.WebSocketOptions;
import dev.stardust.websocket.WebSocketServer;

/**
 * A WebSocket echo server and a client of it in one program, compression on: the client sends one message, prints
 * the echo and the close, and then the loop has nothing left to do and the program ends. Says where it runs from
 * (its module, or the class path).
 */
public final class WsEcho {
    public static void main(String[] args) {
        Module module = WsEcho.class.getModule();
        String from = module.isNamed() ? "module " + module.getName() : "the class path";
        WebSocketOptions options = WebSocketOptions.defaults().withPerMessageDeflate(true);
        Loop.run(() -> {
            HttpServer http = Http.createServer((req, res) -> res.end("connect a WebSocket\n"));
            WebSocketServer wss = WebSocketServer.attach(http, options);
            wss.onConnection(ws -> ws.onMessage(m -> ws.send("echo " + m.text())));
            http.listen(0, "127.0.0.1").onSuccess(s -> {
                WebSocket ws = WebSocket.connect("ws://127.0.0.1:" + s.address().port() + "/", options);
                ws.onOpen(() -> ws.send("hello from " + from));
                ws.onMessage(m -> {
                    System.out.println(m.text() + " (" + ws.extensions().split(";")[0] + ")");
                    ws.close(1000, "done");
                });
                ws.onClose(e -> {
                    System.out.println("close " + e.code() + " " + e.reason());
                    wss.close();
                    http.close();
                });
            });
        });
    }
}
