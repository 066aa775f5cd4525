package dev.stardust.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Test certificates made with the {@code openssl} CLI into a temporary directory, once per JVM: a CA
 * ({@code ca.crt}), and signed by it {@code server} (localhost, 127.0.0.1), {@code other} (other.example),
 * {@code client} and {@code expired} (localhost, expired in 2020), each as {@code NAME.crt} and {@code NAME.key}.
 */
public final class TestCerts {
    private static final String SCRIPT = """
            set -e
            K="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
            openssl req -x509 $K -keyout ca.key -out ca.crt -days 30 -subj /CN=Stardust-Test-CA 2>/dev/null
            cert() {
              openssl req $K -keyout $1.key -out $1.csr -subj "/CN=$2" 2>/dev/null
              printf "subjectAltName=$3\\n" > $1.ext
              openssl x509 -req -in $1.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out $1.crt -days 30 \\
                -extfile $1.ext 2>/dev/null
            }
            cert server localhost DNS:localhost,IP:127.0.0.1
            cert other other.example DNS:other.example
            cert client client DNS:client
            openssl req $K -keyout expired.key -out expired.csr -subj /CN=localhost 2>/dev/null
            printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\n' > expired.ext
            printf '[ca]\\ndefault_ca=d\\n[d]\\ndatabase=index.txt\\nnew_certs_dir=.\\nserial=serial\\ndefault_md=sha256\\npolicy=p\\nunique_subject=no\\n[p]\\ncommonName=supplied\\n' > ca.cnf
            : > index.txt; echo 1000 > serial
            openssl ca -batch -config ca.cnf -cert ca.crt -keyfile ca.key -in expired.csr -out expired.crt \\
              -startdate 20200101000000Z -enddate 20200102000000Z -extfile expired.ext -notext 2>/dev/null
            """;

    private static Path dir;

    private TestCerts() {
    }

    /** The directory holding the certificates, made on first use. */
    public static synchronized Path dir() {
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("stardust-certs");
                d.toFile().deleteOnExit();
                Process p = new ProcessBuilder("sh", "-c", SCRIPT).directory(d.toFile()).redirectErrorStream(true)
                        .start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("openssl failed: " + out);
                }
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return dir;
    }

    /** {@code name.crt} or {@code name.key} etc. in {@link #dir()}. */
    public static Path file(String name) {
        return dir().resolve(name);
    }
}
