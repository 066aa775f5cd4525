package dev.stardust.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code http-client}, run as a program in a child JVM: the body on stdout and status 0 from a real server; from a
 * server that never answers, the abort after the idle timeout, its error and status 1. The README shows its code.
 */
class HttpClientExampleTest {

    private record Outcome(int status, String out, String err) {
    }

    @Test
    void printsTheBodyAndEndsWithStatusZero() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "héllo from the JDK\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Outcome o = run("http://127.0.0.1:" + server.getAddress().getPort() + "/", "5000");
            assertEquals(0, o.status, o.err);
            assertEquals("héllo from the JDK\n", o.out);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void abortsARequestThatGetsNoAnswerAndEndsWithStatusOne() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = silent.accept(); InputStream in = s.getInputStream()) {
                    in.transferTo(OutputStream.nullOutputStream());
                } catch (IOException closed) {
                    // The client went away, or the test ended.
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Outcome o = run("http://127.0.0.1:" + silent.getLocalPort() + "/", "300");
            assertEquals(1, o.status, o.err);
            assertEquals("", o.out);
            assertEquals("error: ETIMEDOUT: no answer for 300 ms", o.err.strip());
        }
    }

    @Test
    void readmeShowsTheCompiledClient() throws IOException {
        ReadmeRegion.assertReadmeShows("client", "HttpClientExample.java");
    }

    private static Outcome run(String... args) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xmx64m"));
        if (Runtime.version().feature() >= 22) {
            // As the README says for JDK 22 and later: the native transport's library load is allowed, not warned of.
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", classPath, Main.class.getName(), "http-client"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("http-client", ".out");
        Path err = Files.createTempFile("http-client", ".err");
        try {
            Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            child.getOutputStream().close();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new AssertionError("http-client did not end within 30 s: " + Files.readString(err));
            }
            return new Outcome(child.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
