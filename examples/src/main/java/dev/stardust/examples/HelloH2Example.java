package dev.stardust.examples;

import dev.stardust.Loop;
import dev.stardust.http.IncomingMessage;
import dev.stardust.http.ServerResponse;
import dev.stardust.http2.Http2;
import dev.stardust.tls.TlsOptions;
import java.nio.file.Path;

/**
 * {@code hello-h2 [PORT] [--cert C --key K]}: "Hello world" over HTTP/2 with the same handler as {@code hello}. In
 * cleartext it speaks h2c with prior knowledge ({@code curl --http2-prior-knowledge http://localhost:8080/}); with a
 * certificate, h2 over TLS chosen by ALPN ({@code curl --http2 -k https://localhost:8080/}). HTTP/1.1 clients are
 * served on the same port either way.
 */
public final class HelloH2Example implements Example {

    @Override
    public String name() {
        return "hello-h2";
    }

    @Override
    public String description() {
        return "[PORT] [--cert C --key K] serve \"Hello world\" over HTTP/2: h2c, or h2 with ALPN given a certificate";
    }

    /** The handler of {@code hello}, unchanged: node's http2 compatibility API runs it on every stream. */
    static void hello(IncomingMessage req, ServerResponse res) {
        res.setHeader("Content-Type", "text/plain");
        res.end("Hello world\n");
    }

    @Override
    public int run(String[] args) throws Exception {
        int port = 8080;
        Path cert = null;
        Path key = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cert" -> cert = Path.of(args[++i]);
                case "--key" -> key = Path.of(args[++i]);
                default -> port = Integer.parseInt(args[i]);
            }
        }
        TlsOptions tls = cert == null || key == null ? null : TlsOptions.defaults().withCert(cert).withKey(key);
        int listenPort = port;
        Loop.run(() -> (tls == null ? Http2.createServer(HelloH2Example::hello)
                : Http2.createSecureServer(tls, HelloH2Example::hello)).listen(listenPort)
                .onSuccess(server -> System.out.println("HTTP/2 server listening at " + (tls == null ? "http" : "https")
                        + "://localhost:" + listenPort + "/")));
        return 0;
    }
}
