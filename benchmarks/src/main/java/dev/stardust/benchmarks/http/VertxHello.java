package dev.stardust.benchmarks.http;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;

/**
 * The same hello response on Vert.x core with one event loop and the native transport, the configuration closest to
 * Stardust's single loop. {@code java -cp stardust-benchmarks.jar dev.stardust.benchmarks.http.VertxHello [PORT]}.
 */
public final class VertxHello {
    private static final Buffer BODY = Buffer.buffer("Hello world\n");

    private VertxHello() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8082;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(true));
        vertx.createHttpServer()
                .requestHandler(req -> req.response().putHeader("Content-Type", "text/plain").end(BODY))
                .listen(port)
                .onSuccess(s -> System.out.println("Vert.x hello listening at http://localhost:" + port + "/ ("
                        + (vertx.isNativeTransportEnabled() ? "native" : "nio") + ")"))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }
}
