package dev.stardust.dns.resolver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A DNS responder on loopback for the faults a real server will not produce: it answers each UDP query with
 * whatever packets the test's function returns (none: silence), optionally from a second socket (the wrong
 * server), and serves TCP with its own function. Runs on two daemon threads; {@link #close()} stops them.
 */
final class FakeDnsServer implements AutoCloseable {
    /** A reply to send, and whether it goes out from the impostor socket instead of the server's. */
    record Reply(byte[] packet, boolean fromImpostor) {
        static Reply of(byte[] packet) {
            return new Reply(packet, false);
        }
    }

    private final DatagramChannel udp;
    private final DatagramChannel impostor;
    private final ServerSocketChannel tcp;
    private final List<Thread> threads = new ArrayList<>();
    final List<byte[]> udpQueries = new CopyOnWriteArrayList<>();
    final Set<Integer> sourcePorts = ConcurrentHashMap.newKeySet();
    final List<byte[]> tcpQueries = new CopyOnWriteArrayList<>();

    FakeDnsServer(Function<byte[], List<Reply>> onUdp, Function<byte[], byte[]> onTcp) throws IOException {
        // TCP first, then UDP on the same port: a bounded search for a port free for both.
        ServerSocketChannel server = null;
        DatagramChannel datagrams = null;
        for (int i = 0; i < 50 && datagrams == null; i++) {
            server = ServerSocketChannel.open();
            server.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            try {
                datagrams = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException taken) {
                server.close();
            }
        }
        if (datagrams == null) {
            throw new IOException("no loopback port free for both UDP and TCP");
        }
        udp = datagrams;
        tcp = server;
        impostor = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        start("fake-dns-udp", () -> {
            ByteBuffer in = ByteBuffer.allocate(2048);
            while (true) {
                in.clear();
                SocketAddress from = udp.receive(in);
                byte[] query = Arrays.copyOf(in.array(), in.position());
                udpQueries.add(query);
                sourcePorts.add(((InetSocketAddress) from).getPort());
                for (Reply r : onUdp.apply(query)) {
                    (r.fromImpostor() ? impostor : udp).send(ByteBuffer.wrap(r.packet()), from);
                }
            }
        });
        start("fake-dns-tcp", () -> {
            while (true) {
                try (SocketChannel c = tcp.accept()) {
                    ByteBuffer length = ByteBuffer.allocate(2);
                    while (length.hasRemaining() && c.read(length) >= 0) {
                        // reads the length prefix
                    }
                    ByteBuffer query = ByteBuffer.allocate(length.flip().getShort() & 0xffff);
                    while (query.hasRemaining() && c.read(query) >= 0) {
                        // reads the query
                    }
                    tcpQueries.add(query.array());
                    byte[] answer = onTcp.apply(query.array());
                    ByteBuffer out = ByteBuffer.allocate(2 + answer.length).putShort((short) answer.length).put(answer);
                    out.flip();
                    while (out.hasRemaining()) {
                        c.write(out);
                    }
                }
            }
        });
    }

    /** The UDP port, also the TCP port unless that was taken. */
    int port() {
        try {
            return ((InetSocketAddress) udp.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean tcpOnSamePort() throws IOException {
        return ((InetSocketAddress) tcp.getLocalAddress()).getPort() == port();
    }

    String address() {
        return "127.0.0.1:" + port();
    }

    private interface Body {
        void run() throws IOException;
    }

    private void start(String name, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (IOException e) {
                // closed by close(): the thread ends
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    @Override
    public void close() throws IOException {
        udp.close();
        impostor.close();
        tcp.close();
        try {
            for (Thread t : threads) {
                t.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- packets ------------------------------------------------------------------------------------------------

    static int id(byte[] query) {
        return ((query[0] & 0xff) << 8) | (query[1] & 0xff);
    }

    /** The question section of a query: everything after its 12-byte header. */
    static byte[] question(byte[] query) {
        return Arrays.copyOfRange(query, 12, query.length);
    }

    /**
     * A response: {@code id}, flags {@code 0x8180} plus {@code rcode} and the TC bit if {@code truncated}, the
     * question given, {@code answerCount} in the header whatever {@code answers} holds.
     */
    static byte[] response(int id, int rcode, boolean truncated, byte[] question, int answerCount, byte[]... answers) {
        int size = 12 + question.length;
        for (byte[] a : answers) {
            size += a.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putShort((short) id).putShort((short) (0x8180 | rcode | (truncated ? 0x0200 : 0)));
        b.putShort((short) 1).putShort((short) answerCount).putShort((short) 0).putShort((short) 0);
        b.put(question);
        for (byte[] a : answers) {
            b.put(a);
        }
        return b.array();
    }

    /** An answer for the question's name (a pointer to offset 12) of {@code type} with {@code data}. */
    static byte[] answer(int type, int ttl, byte[] data) {
        return ByteBuffer.allocate(12 + data.length).putShort((short) 0xc00c).putShort((short) type)
                .putShort((short) 1).putInt(ttl).putShort((short) data.length).put(data).array();
    }

    /** An A answer with {@code a.b.c.d}. */
    static byte[] a(int ttl, int a, int b, int c, int d) {
        return answer(1, ttl, new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }

    /** The question for {@code name} and {@code type}, as the resolver encodes it. */
    static byte[] questionFor(String name, int type) {
        ByteBuffer b = ByteBuffer.allocate(name.length() + 6);
        for (String label : name.split("\\.")) {
            b.put((byte) label.length()).put(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return b.put((byte) 0).putShort((short) type).putShort((short) 1).array();
    }
}
