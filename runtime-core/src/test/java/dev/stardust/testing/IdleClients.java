package dev.stardust.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Thousands of idle TCP connections held by a child JVM, so that the server under test (in the test's JVM) has
 * the descriptor budget for its own ends: {@code IdleClients PORT COUNT} connects {@code COUNT} sockets to
 * {@code 127.0.0.1:PORT} in waves of 500, sends nothing, prints {@code connected N}, then prints
 * {@code closed K} as the server closes them (every 1,000 and at the last) and ends when its stdin closes.
 * {@link #start} runs it and {@link #maxCount} says how many the descriptor limit allows.
 */
public final class IdleClients implements AutoCloseable {
    private static final int WAVE = 500;

    public static void main(String[] args) throws Exception {
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        int count = Integer.parseInt(args[1]);
        List<SocketChannel> channels = new ArrayList<>(count);
        try (Selector selector = Selector.open()) {
            while (channels.size() < count) {
                int wave = Math.min(WAVE, count - channels.size());
                int pending = 0;
                for (int i = 0; i < wave; i++) {
                    SocketChannel c = SocketChannel.open();
                    c.configureBlocking(false);
                    channels.add(c);
                    if (c.connect(target)) {
                        c.register(selector, SelectionKey.OP_READ);
                    } else {
                        c.register(selector, SelectionKey.OP_CONNECT);
                        pending++;
                    }
                }
                while (pending > 0) {
                    if (selector.select(30_000) == 0) {
                        System.out.println("failed: connects stalled with " + pending + " pending");
                        return;
                    }
                    for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                        SelectionKey key = it.next();
                        it.remove();
                        if (key.isConnectable() && ((SocketChannel) key.channel()).finishConnect()) {
                            key.interestOps(SelectionKey.OP_READ);
                            pending--;
                        }
                    }
                }
            }
            System.out.println("connected " + channels.size());
            Thread watchdog = new Thread(() -> {
                try {
                    System.in.transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // the parent is gone
                }
                System.exit(0);
            }, "stdin-watch");
            watchdog.setDaemon(true);
            watchdog.start();
            int closed = 0;
            ByteBuffer sink = ByteBuffer.allocate(4096);
            while (closed < count) {
                selector.select();
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    SocketChannel c = (SocketChannel) key.channel();
                    int n;
                    try {
                        sink.clear();
                        n = c.read(sink);
                    } catch (IOException reset) {
                        n = -1;
                    }
                    if (n < 0) {
                        key.cancel();
                        c.close();
                        closed++;
                        if (closed % 1000 == 0 || closed == count) {
                            System.out.println("closed " + closed);
                        }
                    }
                }
            }
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** How many idle clients this machine's descriptor limit allows, at most {@code wanted}, keeping 1,000 spare. */
    public static int maxCount(int wanted) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long spare = unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount() - 1_000;
            return (int) Math.max(0, Math.min(wanted, spare));
        }
        return wanted;
    }

    private final Process child;
    private final java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();

    private IdleClients(Process child) {
        this.child = child;
        Thread reader = new Thread(() -> {
            try (java.io.BufferedReader r = child.inputReader(StandardCharsets.US_ASCII)) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the child is gone
            }
            lines.add("ended");
        }, "idle-clients-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs {@code IdleClients port count} in a child JVM on the test's class path; close it to end it. */
    public static IdleClients start(int port, int count) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new IdleClients(new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                IdleClients.class.getName(), String.valueOf(port), String.valueOf(count))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /**
     * The child's next line starting with {@code prefix} (or {@code failed}, or {@code ended} when it exited),
     * waiting up to {@code seconds}; other lines are skipped.
     */
    public String awaitLine(String prefix, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no line starting with '" + prefix + "' within " + seconds + " s");
            }
            if (line.startsWith(prefix) || line.startsWith("failed") || line.equals("ended")) {
                return line;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        child.destroyForcibly();
        child.waitFor(10, TimeUnit.SECONDS);
    }
}
