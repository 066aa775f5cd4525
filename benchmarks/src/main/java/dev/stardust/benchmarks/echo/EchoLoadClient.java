package dev.stardust.benchmarks.echo;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * Measures echo throughput over loopback: CONNECTIONS non-blocking JDK channels on one selector thread, each keeping
 * at most WINDOW bytes in flight (sent and not yet echoed), for SECONDS after a warm-up of two seconds. One thread
 * keeps the client cheap, so on a small machine the server, not the client, is what is measured. Prints MB/s echoed.
 */
public final class EchoLoadClient {
    private static final int WINDOW = 256 * 1024;
    private static final int CHUNK = 16 * 1024;

    private EchoLoadClient() {
    }

    /** {@code EchoLoadClient PORT CONNECTIONS SECONDS}. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        Selector selector = Selector.open();
        ByteBuffer out = ByteBuffer.allocateDirect(CHUNK);
        ByteBuffer in = ByteBuffer.allocateDirect(256 * 1024);
        for (int i = 0; i < connections; i++) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ | SelectionKey.OP_WRITE, new long[1]);
        }
        long received = 0;
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        long measuredFrom = -1;
        long start = 0;
        while (true) {
            long now = System.nanoTime();
            if (measuredFrom < 0 && now >= warmEnd) {
                measuredFrom = received;
                start = now;
            }
            if (now >= end) {
                break;
            }
            selector.select(100);
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                SocketChannel ch = (SocketChannel) key.channel();
                long[] inFlight = (long[]) key.attachment();
                if (key.isReadable()) {
                    in.clear();
                    int n = ch.read(in);
                    if (n < 0) {
                        throw new IllegalStateException("the server closed a connection");
                    }
                    received += n;
                    inFlight[0] -= n;
                }
                if (key.isValid() && inFlight[0] < WINDOW) {
                    out.clear();
                    int n = ch.write(out);
                    inFlight[0] += n;
                }
                key.interestOps(SelectionKey.OP_READ | (inFlight[0] < WINDOW ? SelectionKey.OP_WRITE : 0));
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%.1f%n", (received - measuredFrom) / elapsed / (1024 * 1024));
        selector.close();
    }
}
