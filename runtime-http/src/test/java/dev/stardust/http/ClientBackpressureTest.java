package dev.stardust.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.testing.LoopTester;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A response the user does not consume stops the client reading: a server that streams an endless body to a
 * request whose handler never reads it finds its writes stalled once the kernel's buffers and the response's own
 * buffer are full, instead of the client taking everything into memory.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientBackpressureTest {
    private static final long ENDLESS = 64L << 20;

    @Test
    void anUnreadResponseStopsTheClientFromReading() throws Exception {
        try (LoopTester t = LoopTester.start(); ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            CompletableFuture<IncomingMessage> response = new CompletableFuture<>();
            t.execute(() -> Http.get("http://127.0.0.1:" + port + "/endless", response::complete));
            try (SocketChannel peer = listener.accept()) {
                readHead(peer);
                peer.write(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Length: " + (1L << 40) + "\r\n\r\n")
                        .getBytes(US_ASCII)));
                IncomingMessage res = response.get(10, TimeUnit.SECONDS);
                long sent = writeUntilStalled(peer);
                assertTrue(sent < ENDLESS, "the client stopped reading after " + (sent >> 20) + " MB");
                assertEquals(200, res.statusCode());
                t.execute(res::destroy);
            }
        }
    }

    private static void readHead(SocketChannel peer) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        StringBuilder head = new StringBuilder();
        while (!head.toString().contains("\r\n\r\n")) {
            buffer.clear();
            if (peer.read(buffer) < 0) {
                throw new IOException("the client closed before sending its request: " + head);
            }
            head.append(US_ASCII.decode(buffer.flip()));
        }
    }

    /** Writes the body until {@link #ENDLESS} bytes or until the client has taken nothing for two seconds. */
    private static long writeUntilStalled(SocketChannel peer) throws IOException {
        peer.configureBlocking(false);
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        long sent = 0;
        try (Selector selector = Selector.open()) {
            peer.register(selector, SelectionKey.OP_WRITE);
            while (sent < ENDLESS) {
                if (!chunk.hasRemaining()) {
                    chunk.clear();
                }
                int n = peer.write(chunk);
                sent += n;
                if (n == 0) {
                    selector.selectedKeys().clear();
                    if (selector.select(2000) == 0) {
                        break;
                    }
                }
            }
        }
        return sent;
    }
}
