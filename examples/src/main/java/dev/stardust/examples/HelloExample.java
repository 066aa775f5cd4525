package dev.stardust.examples;

import dev.stardust.Loop;
import dev.stardust.http.Http;
import java.util.Map;

/** {@code hello [PORT]}: the ten-line HTTP server of the README, answering every request with "Hello world". */
public final class HelloExample implements Example {

    @Override
    public String name() {
        return "hello";
    }

    @Override
    public String description() {
        return "[PORT] [HOST] serve \"Hello world\" over HTTP on PORT (default 8080) of HOST (default: every interface)";
    }

    @Override
    public int run(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        String host = args.length > 1 ? args[1] : "";
        Loop.run(() -> Http.createServer((req, res) -> {
            res.writeHead(200, Map.of("Content-Type", "text/plain"));
            res.end("Hello world\n");
        }).listen(port, host).onSuccess(server -> System.out.println("Server listening at http://"
                + (host.isEmpty() ? "localhost" : host) + ":" + port + "/")));
        return 0;
    }
}
