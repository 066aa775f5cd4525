package consumer;

import dev.stardust.Buffer;
import dev.stardust.Loop;
import dev.stardust.http.Http;
import dev.stardust.http.HttpServer;
import java.util.Map;

/**
 * Serves one request to itself on an ephemeral port and prints what came back, then the loop has nothing left to do
 * and the program ends, as a node program does. Prints the transport, so a run shows whether the native one loaded.
 */
public final class ModularHello {
    public static void main(String[] args) {
        Loop.run(() -> {
            HttpServer server = Http.createServer((req, res) -> {
                res.writeHead(200, Map.of("Content-Type", "text/plain"));
                res.end("Hello from module " + ModularHello.class.getModule().getName() + "\n");
            });
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                int port = s.address().port();
                Http.get("http://127.0.0.1:" + port + "/", res -> {
                    StringBuilder body = new StringBuilder();
                    res.on("data", (Buffer chunk) -> body.append(chunk.toString()));
                    res.onEnd(() -> {
                        System.out.print(res.statusCode() + " " + body);
                        System.out.println("transport " + Loop.current().transport());
                        server.close();
                    });
                });
            });
        });
    }
}
