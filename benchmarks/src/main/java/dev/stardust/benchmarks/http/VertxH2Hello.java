package dev.stardust.benchmarks.http;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServerOptions;

/**
 * The hello response over cleartext HTTP/2 (h2c with prior knowledge) on Vert.x core, one event loop and the native
 * transport, with the same 100 concurrent streams per connection as Stardust and node announce; for
 * {@code h2-bench.sh}. {@code java -cp stardust-benchmarks.jar dev.stardust.benchmarks.http.VertxH2Hello [PORT]}.
 */
public final class VertxH2Hello {
    private static final Buffer BODY = Buffer.buffer("Hello world\n");

    private VertxH2Hello() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8083;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(true));
        HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(true)
                .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(100));
        vertx.createHttpServer(options)
                .requestHandler(req -> req.response().putHeader("Content-Type", "text/plain").end(BODY))
                .listen(port)
                .onSuccess(s -> System.out.println("Vert.x h2c hello listening at http://localhost:" + port + "/"))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }
}
