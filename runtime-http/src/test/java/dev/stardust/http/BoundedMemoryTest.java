package dev.stardust.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.http.flood.FloodTarget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server in a JVM with a 64 MB heap against peers that never read: one pipelines tens of MB of requests, another
 * uploads a body the handler never reads. The server stops reading from each (their writes stall), keeps serving
 * everyone else, and its heap after a full GC stays small. Before reading was tied to the output draining, about
 * 6 MB of pipelined requests ended such a server with {@code OutOfMemoryError}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BoundedMemoryTest {
    private static final long FLOOD_BYTES = 64L << 20;
    private static final long HEAP_BOUND = 24L << 20;
    private static final Duration STALL = Duration.ofSeconds(2);

    private Process child;
    private final StringBuilder childErr = new StringBuilder();
    private int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void startServerInSmallHeap() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx64m", "-XX:+UseSerialGC",
                "-Dio.netty.leakDetection.level=paranoid", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add(FloodTarget.class.getName());
        child = new ProcessBuilder(command).start();
        // Threads of their own: a reader blocks, and on a 2-core machine the common pool may have just one worker.
        Thread errReader = new Thread(() -> new BufferedReader(new InputStreamReader(child.getErrorStream(), US_ASCII))
                .lines().forEach(line -> {
                    synchronized (childErr) {
                        childErr.append(line).append('\n');
                    }
                }), "flood-target-stderr");
        errReader.setDaemon(true);
        errReader.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), US_ASCII));
        CompletableFuture<String> firstLine = new CompletableFuture<>();
        Thread outReader = new Thread(() -> {
            try {
                firstLine.complete(out.readLine());
            } catch (IOException e) {
                firstLine.completeExceptionally(e);
            }
        }, "flood-target-stdout");
        outReader.setDaemon(true);
        outReader.start();
        String line;
        try {
            line = firstLine.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the child did not start listening within 30 s; it said: " + errors(), e);
        }
        assertTrue(line != null && line.startsWith("listening "), () -> "the child said " + line + "; " + errors());
        port = Integer.parseInt(line.substring("listening ".length()));
    }

    @AfterEach
    void stopServer() throws Exception {
        child.destroy();
        boolean ended = child.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(ended, "the child JVM ends when asked");
    }

    @Test
    void aPeerThatPipelinesWithoutReadingIsStoppedAndOthersAreServed() throws Exception {
        byte[] request = "GET / HTTP/1.1\r\nHost: flood\r\n\r\n".getBytes(US_ASCII);
        try (SocketChannel flood = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            long sent = writeUntilStalled(flood, repeat(request, 2048));
            assertTrue(sent < FLOOD_BYTES, "the server stopped reading after " + mb(sent) + " of pipelined requests");
            assertServesOthersWithABoundedHeap();
            long complete = sent / request.length;
            assertEquals(complete, readAnswers(flood, complete),
                    "once the flooder reads, every complete request it sent is answered, none twice");
        }
        assertEquals("Hello world\n", get("/"), "still serving after the flooder left");
        assertFalse(errors().contains("Exception"), this::errors);
    }

    @Test
    void anUploadNobodyReadsIsStoppedAndOthersAreServed() throws Exception {
        byte[] head = ("POST /sink HTTP/1.1\r\nHost: upload\r\nContent-Length: " + (1L << 40) + "\r\n\r\n")
                .getBytes(US_ASCII);
        try (SocketChannel upload = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            upload.write(ByteBuffer.wrap(head));
            long sent = writeUntilStalled(upload, new byte[64 * 1024]);
            assertTrue(sent < FLOOD_BYTES, "the server stopped reading after " + mb(sent) + " of an unread body");
            assertServesOthersWithABoundedHeap();
        }
        assertFalse(errors().contains("Exception"), this::errors);
    }

    private void assertServesOthersWithABoundedHeap() throws Exception {
        assertEquals("Hello world\n", get("/"), "another client is served while the hostile peer waits");
        long heap = Long.parseLong(get("/heap"));
        assertTrue(heap < HEAP_BOUND, "heap after GC " + mb(heap) + ", bound " + mb(HEAP_BOUND));
    }

    /**
     * Writes {@code chunk} again and again, never reading, until the peer has taken {@link #FLOOD_BYTES} or has
     * taken nothing for {@link #STALL}: the kernel's buffers are full because the server stopped reading.
     */
    private static long writeUntilStalled(SocketChannel channel, byte[] chunk) throws IOException {
        channel.configureBlocking(false);
        long sent = 0;
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_WRITE);
            ByteBuffer buffer = ByteBuffer.wrap(chunk);
            while (sent < FLOOD_BYTES) {
                if (!buffer.hasRemaining()) {
                    buffer.rewind();
                }
                int n = channel.write(buffer);
                sent += n;
                if (n == 0) {
                    selector.selectedKeys().clear();
                    if (selector.select(STALL.toMillis()) == 0) {
                        break;
                    }
                }
            }
        }
        return sent;
    }

    /** Reads answers until {@code expected} have come or none came for {@link #STALL}; returns how many came. */
    private static long readAnswers(SocketChannel channel, long expected) throws IOException {
        byte[] body = "Hello world\n".getBytes(US_ASCII);
        long answers = 0;
        int matched = 0;
        ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (answers < expected) {
                selector.selectedKeys().clear();
                if (selector.select(STALL.toMillis()) == 0) {
                    break;
                }
                buffer.clear();
                if (channel.read(buffer) < 0) {
                    break;
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    // "Hello world\n" ends every answer and never overlaps itself, so a running match counts them.
                    matched = b == body[matched] ? matched + 1 : b == body[0] ? 1 : 0;
                    if (matched == body.length) {
                        answers++;
                        matched = 0;
                    }
                }
            }
        }
        return answers;
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static byte[] repeat(byte[] one, int times) {
        byte[] all = new byte[one.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        return all;
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1048576.0);
    }

    private String errors() {
        synchronized (childErr) {
            return childErr.toString();
        }
    }
}
