package dev.stardust.benchmarks.echo;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures echo throughput over loopback: CONNECTIONS blocking JDK sockets, each with a writer thread sending 16 KiB
 * chunks and a reader counting what comes back, for SECONDS after a one-second warm-up. Prints MB/s echoed.
 */
public final class EchoLoadClient {
    private EchoLoadClient() {
    }

    /** {@code EchoLoadClient PORT CONNECTIONS SECONDS}. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        AtomicLong received = new AtomicLong();
        CountDownLatch stop = new CountDownLatch(1);
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress("127.0.0.1", port));
            sockets.add(s);
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[16 * 1024];
                try {
                    OutputStream out = s.getOutputStream();
                    while (stop.getCount() > 0) {
                        out.write(chunk);
                    }
                } catch (Exception ignored) {
                    // The socket was closed at the end of the run.
                }
            });
            Thread reader = new Thread(() -> {
                byte[] buf = new byte[64 * 1024];
                try {
                    InputStream in = s.getInputStream();
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        received.addAndGet(n);
                    }
                } catch (Exception ignored) {
                    // The socket was closed at the end of the run.
                }
            });
            writer.setDaemon(true);
            reader.setDaemon(true);
            writer.start();
            reader.start();
        }
        Thread.sleep(1000);
        long start = System.nanoTime();
        long before = received.get();
        Thread.sleep(seconds * 1000L);
        long bytes = received.get() - before;
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.countDown();
        for (Socket s : sockets) {
            s.close();
        }
        System.out.printf("%.1f%n", bytes / elapsed / (1024 * 1024));
    }
}
