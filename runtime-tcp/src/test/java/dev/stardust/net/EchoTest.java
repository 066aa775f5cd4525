package dev.stardust.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stardust.Buffer;
import dev.stardust.Loop;
import dev.stardust.testing.LoopTester;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bytes through a Stardust echo server, from JDK and Stardust clients, on every transport. */
class EchoTest {
    private static final long HUNDRED_MB = 100L * 1024 * 1024;

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void echoesOneHundredMegabytesWithMatchingChecksum(String transport) throws Exception {
        CompletableFuture<long[]> client = new CompletableFuture<>();
        LoopTester.run(transport, Duration.ofSeconds(60), t -> {
            Server server = Net.createServer(socket -> socket.pipe(socket));
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                int port = s.address().port();
                Thread echoClient = new Thread(() -> {
                    try {
                        client.complete(jdkEcho(port, HUNDRED_MB));
                    } catch (Throwable e) {
                        client.completeExceptionally(e);
                    }
                }, "echo-client");
                echoClient.start();
            });
            // Close the server from the loop once the client is done; the loop then ends.
            Loop loop = Loop.current();
            client.whenComplete((r, e) -> loop.execute(server::close));
        });
        long[] result = client.get(1, TimeUnit.SECONDS);
        assertEquals(HUNDRED_MB, result[0], "bytes echoed");
        assertEquals(result[1], result[2], "checksum of what was sent and what came back");
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void stardustClientTalksToStardustServer(String transport) {
        StringBuilder got = new StringBuilder();
        String[] events = new String[1];
        LoopTester.run(transport, Duration.ofSeconds(10), t -> {
            Server server = Net.createServer(socket -> socket.pipe(socket));
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                Socket client = Net.connect(s.address().port(), "localhost", () -> events[0] = "connect");
                client.setEncoding(StandardCharsets.UTF_8).onData(got::append);
                client.write(Buffer.from("hello, "));
                client.end(Buffer.from("world"));
                client.onClose(() -> server.close());
            });
        });
        assertEquals("hello, world", got.toString());
        assertEquals("connect", events[0]);
    }

    /** Sends {@code total} pseudo-random bytes and reads the echo; returns {bytes back, crc sent, crc received}. */
    static long[] jdkEcho(int port, long total) throws Exception {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port));
            CRC32 sent = new CRC32();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    long seed = 42;
                    for (long left = total; left > 0; ) {
                        for (int i = 0; i < chunk.length; i++) {
                            seed = seed * 6364136223846793005L + 1442695040888963407L;
                            chunk[i] = (byte) (seed >>> 56);
                        }
                        int n = (int) Math.min(chunk.length, left);
                        sent.update(chunk, 0, n);
                        out.write(chunk, 0, n);
                        left -= n;
                    }
                    s.shutdownOutput();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            CRC32 received = new CRC32();
            AtomicLong count = new AtomicLong();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                received.update(buf, 0, n);
                count.addAndGet(n);
            }
            writer.get(30, TimeUnit.SECONDS);
            return new long[] {count.get(), sent.getValue(), received.getValue()};
        }
    }

    static byte[] readAll(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
