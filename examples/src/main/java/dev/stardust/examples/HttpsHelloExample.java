package dev.stardust.examples;

import dev.stardust.Loop;
import dev.stardust.http.Https;
import dev.stardust.tls.Tls;
import dev.stardust.tls.TlsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code https-hello [PORT] [--cert C --key K]}: "Hello world" over HTTPS. Without a certificate it makes a
 * self-signed one for localhost with the {@code openssl} command (try {@code curl -k https://localhost:8443/}).
 */
public final class HttpsHelloExample implements Example {

    @Override
    public String name() {
        return "https-hello";
    }

    @Override
    public String description() {
        return "[PORT] [--host H] [--cert C --key K] serve \"Hello world\" over HTTPS (default 8443; self-signed via openssl)";
    }

    @Override
    public int run(String[] args) throws Exception {
        int port = 8443;
        String host = "";
        Path cert = null;
        Path key = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cert" -> cert = Path.of(args[++i]);
                case "--key" -> key = Path.of(args[++i]);
                case "--host" -> host = args[++i];
                default -> port = Integer.parseInt(args[i]);
            }
        }
        if (cert == null || key == null) {
            Path dir = Files.createTempDirectory("https-hello");
            cert = dir.resolve("cert.pem");
            key = dir.resolve("key.pem");
            Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-days", "7", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key.toString(),
                    "-out", cert.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                System.err.println("openssl could not make a certificate; pass --cert and --key");
                return 1;
            }
            System.out.println("Made a self-signed certificate for localhost in " + dir);
        }
        TlsOptions tls = TlsOptions.defaults().withCert(cert).withKey(key);
        int listenPort = port;
        String listenHost = host;
        Loop.run(() -> Https.createServer(tls, (req, res) -> {
            res.writeHead(200, Map.of("Content-Type", "text/plain"));
            res.end("Hello world\n");
        }).listen(listenPort, listenHost).onSuccess(server -> System.out.println("Server listening at https://"
                + (listenHost.isEmpty() ? "localhost" : listenHost) + ":" + listenPort + "/ (TLS engine: " + Tls.engine()
                + ")")));
        return 0;
    }
}
