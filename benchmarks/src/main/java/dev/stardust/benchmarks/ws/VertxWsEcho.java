package dev.stardust.benchmarks.ws;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;

/**
 * The same echo on Vert.x core: one event loop and the native transport, as {@code VertxHello}; each text message is
 * written back with {@code writeTextMessage}, each binary one with {@code writeBinaryMessage}. Compression is off,
 * as on the other servers (the load generator offers none anyway).
 * {@code java -cp stardust-benchmarks.jar dev.stardust.benchmarks.ws.VertxWsEcho PORT}.
 */
public final class VertxWsEcho {
    private VertxWsEcho() {
    }

    /** {@code VertxWsEcho PORT}. */
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(true));
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false);
        vertx.createHttpServer(options)
                .webSocketHandler(ws -> {
                    ws.textMessageHandler(ws::writeTextMessage);
                    ws.binaryMessageHandler(ws::writeBinaryMessage);
                })
                .requestHandler(req -> req.response().setStatusCode(426).end())
                .listen()
                .onSuccess(s -> System.out.println("vertx ws echo on " + port + " ("
                        + (vertx.isNativeTransportEnabled() ? "native" : "nio") + ")"))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }
}
