package dev.stardust.http;

import dev.stardust.testing.LoopTester;
import dev.stardust.tls.TlsOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A Stardust HTTP server for one test, on a {@link LoopTester} background loop: port 0 on loopback, handler calls
 * counted, and raw-socket helpers for tests that speak HTTP by hand. Closing it closes every connection and the
 * server, then closes the tester, which fails the test on anything that reached the uncaught handler unless the
 * test declared it ({@code f.tester.expectUncaught(n)}).
 */
final class HttpTestServer implements AutoCloseable {
    final LoopTester tester;
    final HttpServer server;
    final int port;
    final AtomicInteger handlerCalls = new AtomicInteger();

    private HttpTestServer(String transport, HttpServerOptions options, int listenPort, @Nullable Path socketPath,
            BiConsumer<IncomingMessage, ServerResponse> handler) {
        this(transport, options, listenPort, socketPath, null, handler);
    }

    private HttpTestServer(String transport, HttpServerOptions options, int listenPort, @Nullable Path socketPath,
            @Nullable TlsOptions tls, BiConsumer<IncomingMessage, ServerResponse> handler) {
        tester = LoopTester.start(transport);
        try {
            BiConsumer<IncomingMessage, ServerResponse> counted = (req, res) -> {
                handlerCalls.incrementAndGet();
                handler.accept(req, res);
            };
            server = tester.call(() -> tls == null ? Http.createServer(options, counted)
                    : Https.createServer(tls, options, counted));
            if (socketPath != null) {
                tester.await(() -> server.listen(socketPath));
            } else {
                tester.await(() -> server.listen(listenPort, "127.0.0.1"));
            }
            port = tester.call(() -> server.address().port());
        } catch (RuntimeException | Error e) {
            tester.close();
            throw e;
        }
    }

    static HttpTestServer start(String transport, BiConsumer<IncomingMessage, ServerResponse> handler) {
        return new HttpTestServer(transport, HttpServerOptions.defaults(), 0, null, handler);
    }

    static HttpTestServer start(String transport, HttpServerOptions options,
            BiConsumer<IncomingMessage, ServerResponse> handler) {
        return new HttpTestServer(transport, options, 0, null, handler);
    }

    /** A server listening on {@code port} of 127.0.0.1 (0: any free port), on a loop of its own. */
    static HttpTestServer start(String transport, HttpServerOptions options, int port,
            BiConsumer<IncomingMessage, ServerResponse> handler) {
        return new HttpTestServer(transport, options, port, null, handler);
    }

    /** A server listening on the Unix domain socket at {@code path} (epoll or kqueue), on a loop of its own. */
    static HttpTestServer startUnix(String transport, Path path, BiConsumer<IncomingMessage, ServerResponse> handler) {
        return new HttpTestServer(transport, HttpServerOptions.defaults(), 0, path, handler);
    }

    /** An HTTPS server with {@code tls} on 127.0.0.1, any free port, on a loop of its own. */
    static HttpTestServer startHttps(String transport, TlsOptions tls, HttpServerOptions options,
            BiConsumer<IncomingMessage, ServerResponse> handler) {
        return new HttpTestServer(transport, options, 0, null, tls, handler);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** What reached the loop's uncaught handler so far. */
    List<Throwable> uncaught() {
        return tester.uncaught();
    }

    /** A blocking client socket connected to the server, with a read timeout. */
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

    /** Everything {@code in} gives until its end (or a reset after the answer), as ISO-8859-1 text. */
    static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (SocketException reset) {
            // A reset after the answer: keep what was read.
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            tester.await(() -> {
                server.closeAllConnections();
                return server.close();
            });
        } finally {
            tester.close();
        }
    }
}
