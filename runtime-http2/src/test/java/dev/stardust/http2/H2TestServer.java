package dev.stardust.http2;

import dev.stardust.http.IncomingMessage;
import dev.stardust.http.ServerResponse;
import dev.stardust.testing.LoopTester;
import dev.stardust.testing.TestCerts;
import dev.stardust.tls.TlsOptions;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A Stardust HTTP/2 server for one test, on a {@link LoopTester} background loop: port 0 on loopback, handler calls
 * counted. Closing it destroys every connection, closes the server, then the tester, which fails the test on
 * anything that reached the uncaught handler.
 */
final class H2TestServer implements AutoCloseable {
    final LoopTester tester;
    final Http2Server server;
    final int port;
    final boolean secure;
    final AtomicInteger handlerCalls = new AtomicInteger();

    private H2TestServer(@Nullable TlsOptions tls, Http2ServerOptions options,
            BiConsumer<IncomingMessage, ServerResponse> handler) {
        tester = LoopTester.start();
        secure = tls != null;
        try {
            BiConsumer<IncomingMessage, ServerResponse> counted = (req, res) -> {
                handlerCalls.incrementAndGet();
                handler.accept(req, res);
            };
            server = tester.call(() -> tls == null ? Http2.createServer(options, counted)
                    : Http2.createSecureServer(tls, options, counted));
            tester.await(() -> server.listen(0, "127.0.0.1"));
            port = tester.call(() -> server.address().port());
        } catch (RuntimeException | Error e) {
            tester.close();
            throw e;
        }
    }

    /** A cleartext (h2c) server. */
    static H2TestServer cleartext(Http2ServerOptions options, BiConsumer<IncomingMessage, ServerResponse> handler) {
        return new H2TestServer(null, options, handler);
    }

    static H2TestServer cleartext(BiConsumer<IncomingMessage, ServerResponse> handler) {
        return cleartext(Http2ServerOptions.defaults(), handler);
    }

    /** A TLS server with the test certificate for {@code localhost}. */
    static H2TestServer secure(Http2ServerOptions options, BiConsumer<IncomingMessage, ServerResponse> handler) {
        return new H2TestServer(serverTls(), options, handler);
    }

    static H2TestServer secure(BiConsumer<IncomingMessage, ServerResponse> handler) {
        return secure(Http2ServerOptions.defaults(), handler);
    }

    static TlsOptions serverTls() {
        return TlsOptions.defaults().withCert(TestCerts.file("server.crt")).withKey(TestCerts.file("server.key"));
    }

    String url(String path) {
        return (secure ? "https://localhost:" : "http://127.0.0.1:") + port + path;
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

    /** Runs {@code command} to its end within {@code seconds}; its output (stdout and stderr), failing on non-zero. */
    static String run(List<String> command, int seconds) throws Exception {
        File out = File.createTempFile("stardust-h2-peer", ".out");
        out.deleteOnExit();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + seconds + " s");
        }
        String text = Files.readString(out.toPath(), StandardCharsets.ISO_8859_1);
        if (p.exitValue() != 0) {
            throw new AssertionError(command + " failed (" + p.exitValue() + "): " + text);
        }
        return text;
    }
}
