package dev.stardust.http;

import static java.util.concurrent.TimeUnit.SECONDS;

import dev.stardust.Loop;
import dev.stardust.LoopOptions;
import dev.stardust.internal.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * A Stardust HTTP server on a background loop for one test: port 0 on loopback, handler calls counted, anything
 * reaching the loop's uncaught handler collected, and everything closed afterwards with a bounded wait.
 */
final class ServerFixture implements AutoCloseable {
    final Loop loop;
    final HttpServer server;
    final int port;
    final AtomicInteger handlerCalls = new AtomicInteger();
    final ConcurrentLinkedQueue<Throwable> uncaught = new ConcurrentLinkedQueue<>();

    private ServerFixture(String transport, HttpServerOptions options,
            BiConsumer<IncomingMessage, ServerResponse> handler) throws Exception {
        loop = Loop.start(LoopOptions.defaults().withTransport(transport).withUncaughtExceptionHandler(uncaught::add));
        server = loop.submit(() -> Http.createServer(options, (req, res) -> {
            handlerCalls.incrementAndGet();
            handler.accept(req, res);
        })).get(10, SECONDS);
        CompletableFuture<HttpServer> listening = loop.submit(() -> server.listen(0, "127.0.0.1").toCompletableFuture())
                .get(10, SECONDS);
        listening.get(10, SECONDS);
        port = loop.submit(() -> server.address().port()).get(10, SECONDS);
    }

    static ServerFixture start(String transport, BiConsumer<IncomingMessage, ServerResponse> handler) throws Exception {
        return new ServerFixture(transport, HttpServerOptions.defaults(), handler);
    }

    static ServerFixture start(String transport, HttpServerOptions options,
            BiConsumer<IncomingMessage, ServerResponse> handler) throws Exception {
        return new ServerFixture(transport, options, handler);
    }

    static Stream<String> transports() {
        return Transport.available().stream().map(t -> t.displayName());
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    Socket socket() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** Sends {@code request} whole and returns everything the server sent until it closed the connection. */
    String exchange(String request) throws IOException {
        try (Socket s = socket()) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return readAll(s.getInputStream());
        }
    }

    /** Sends {@code request} one byte per write and returns everything until the server closed. */
    String exchangeBytewise(String request) throws IOException {
        try (Socket s = socket()) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
            try {
                for (byte b : bytes) {
                    out.write(b);
                    out.flush();
                }
            } catch (IOException closedEarly) {
                // The server may answer and close before the last byte: what it sent is still read below.
            }
            return readAll(s.getInputStream());
        }
    }

    static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // A reset after the answer: keep what was read.
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private volatile boolean uncaughtChecked;

    /** What reached the uncaught handler; a test that never asks fails at close if anything did. */
    List<Throwable> uncaught() {
        uncaughtChecked = true;
        return List.copyOf(uncaught);
    }

    @Override
    public void close() throws Exception {
        try {
            loop.submit(() -> {
                server.closeAllConnections();
                return server.close().toCompletableFuture();
            }).get(10, SECONDS).get(10, SECONDS);
        } finally {
            loop.close().get(10, SECONDS);
        }
        if (!uncaughtChecked && !uncaught.isEmpty()) {
            AssertionError e = new AssertionError("unexpected uncaught errors: " + uncaught);
            uncaught.forEach(e::addSuppressed);
            throw e;
        }
    }
}
