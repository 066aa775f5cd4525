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
        return "[PORT] serve \"Hello world\" over HTTP on PORT (default 8080)";
    }

    @Override
    public int run(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Loop.run(() -> Http.createServer((req, res) -> {
            res.writeHead(200, Map.of("Content-Type", "text/plain"));
            res.end("Hello world\n");
        }).listen(port).onSuccess(server -> System.out.println("Server listening at http://localhost:" + port + "/")));
        return 0;
    }
}
