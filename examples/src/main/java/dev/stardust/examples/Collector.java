package dev.stardust.examples;

import dev.stardust.Buffer;
import dev.stardust.Promise;
import dev.stardust.http.Http;
import dev.stardust.http.HttpServer;
import dev.stardust.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code collector} example's server, on the current loop: accepts the {@code agent}'s POSTs (a JSON report
 * or an array of them) and hands each report, as one line of JSON, to a consumer; answers 204, or 400 for a body
 * that is not JSON.
 */
final class Collector {
    private final HttpServer server;
    private long received;

    private Collector(HttpServer server) {
        this.server = server;
    }

    /** Starts a collector on {@code port} (0: any free port) of {@code host}. */
    static Promise<Collector> start(String host, int port, Consumer<String> onReport) {
        Collector[] self = new Collector[1];
        HttpServer server = Http.createServer((req, res) -> {
            List<Buffer> body = new ArrayList<>();
            req.onData(body::add);
            req.onEnd(() -> {
                Object parsed;
                try {
                    parsed = Json.parse(Buffer.concat(body).toByteArray());
                } catch (RuntimeException e) {
                    res.statusCode(400).end(e.getMessage() + "\n");
                    return;
                }
                List<?> reports = parsed instanceof List<?> list ? list : java.util.Collections.singletonList(parsed);
                for (Object report : reports) {
                    self[0].received++;
                    onReport.accept(Json.stringify(report));
                }
                res.statusCode(204).end();
            });
        });
        self[0] = new Collector(server);
        return server.listen(port, host).map(s -> self[0]);
    }

    /** The port it listens on. */
    int port() {
        return server.address().port();
    }

    /** How many reports it received. */
    long received() {
        return received;
    }

    /** Stops listening and closes every connection, as a collector going down would. */
    Promise<Void> close() {
        server.closeAllConnections();
        return server.close();
    }
}
