package dev.stardust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A program that made one outbound connection (an HTTP request, or a bare TCP connection) exits as soon as
 * {@code Loop.run} returns, as a node program exits when its loop is empty: no thread of Netty's or Stardust's
 * (Netty's global executor, resolvers, the worker pool) keeps the JVM alive. Runs the program
 * ({@link PromptExitChild}) in a child JVM against a real HTTP peer and measures from the marker it prints after
 * {@code Loop.run} to the process's exit.
 */
class PromptExitTest {
    /**
     * Generous for a loaded 2-core machine (a JVM's own exit takes ~10-50 ms), tight enough to catch the 0.7 s that
     * Netty's global executor thread used to add.
     */
    private static final long EXIT_BOUND_MILLIS = 300;

    @Test
    @Timeout(90)
    void exitsPromptlyAfterAnOutboundHttpRequest() throws Exception {
        exitsPromptlyAfter("http", "200");
    }

    @Test
    @Timeout(90)
    void exitsPromptlyAfterAnOutboundTcpConnection() throws Exception {
        exitsPromptlyAfter("net", "connected");
    }

    private static void exitsPromptlyAfter(String mode, String expectedOutcome) throws Exception {
        HttpServer peer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        peer.createContext("/", exchange -> {
            byte[] body = "hello\n".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        peer.start();
        Path log = Files.createTempFile("stardust-prompt-exit", ".err");
        try {
            String url = "http://127.0.0.1:" + peer.getAddress().getPort() + "/";
            Process child = new ProcessBuilder(childCommand(mode, url)).redirectError(log.toFile()).start();
            List<String> lines = new ArrayList<>();
            long markerSeen = 0;
            String marker = "";
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                    if (line.startsWith(PromptExitChild.MARKER)) {
                        markerSeen = System.nanoTime();
                        marker = line;
                        break;
                    }
                }
                assertTrue(markerSeen != 0, "the child never printed its marker: " + lines + "\n"
                        + Files.readString(log));
                boolean exited = child.waitFor(30, TimeUnit.SECONDS);
                long exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - markerSeen);
                if (!exited) {
                    child.destroyForcibly();
                }
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
                String[] fields = marker.split(" ");
                System.out.println("PromptExitTest (" + mode + "): Loop.run returned "
                        + (fields.length > 2 ? fields[2] : "?") + " ms after the connection ended; the child exited "
                        + exitMillis + " ms after that");
                assertEquals(expectedOutcome, fields.length > 1 ? fields[1] : "", "the child's connection failed: "
                        + lines + "\n" + Files.readString(log));
                assertEquals(List.of(), lingering(lines), "non-daemon threads alive after Loop.run returned");
                assertTrue(exited && exitMillis <= EXIT_BOUND_MILLIS, "the child exited " + exitMillis
                        + " ms after Loop.run returned (bound " + EXIT_BOUND_MILLIS + " ms)");
                assertEquals(0, child.exitValue(), Files.readString(log));
            }
        } finally {
            peer.stop(0);
            Files.deleteIfExists(log);
        }
    }

    private static List<String> lingering(List<String> lines) {
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith(PromptExitChild.LINGERING)) {
                names.add(line.substring(PromptExitChild.LINGERING.length()));
            }
        }
        return names;
    }

    private static List<String> childCommand(String mode, String url) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only and a small heap: the child's work is tiny, and this keeps it quick on a busy machine.
        return List.of(java, "-XX:TieredStopAtLevel=1", "-Xmx64m", "-cp", classPath,
                PromptExitChild.class.getName(), mode, url);
    }
}
