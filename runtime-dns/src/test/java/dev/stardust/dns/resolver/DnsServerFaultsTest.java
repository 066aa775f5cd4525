package dev.stardust.dns.resolver;

import static dev.stardust.dns.resolver.FakeDnsServer.a;
import static dev.stardust.dns.resolver.FakeDnsServer.id;
import static dev.stardust.dns.resolver.FakeDnsServer.question;
import static dev.stardust.dns.resolver.FakeDnsServer.response;
import static dev.stardust.dns.resolver.ResolverOutcomes.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.dns.resolver.FakeDnsServer.Reply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults {@link ResolverFaultTest} leaves out: the TCP fallback after a truncated answer failing in every way (port
 * closed, or the connection closed before or inside the answer: {@code ECONNREFUSED}, as c-ares says; garbage:
 * {@code EBADRESP}; silence: {@code ETIMEOUT}), a UDP answer of random bytes behind a valid id, and a real dnsmasq that stops answering ({@code SIGSTOP}), comes back ({@code SIGCONT}) and dies.
 * Each outcome is one of node's codes, reported once; the loop ends empty ({@link ResolverOutcomes}).
 */
class DnsServerFaultsTest {
    private static final ResolverOptions FAST = ResolverOptions.defaults().withTimeout(Duration.ofMillis(400))
            .withTries(1).withCache(false);

    private static final ResolverOptions PATIENT = ResolverOptions.defaults().withTries(1).withCache(false);

    /** UDP answers every query truncated; TCP does what {@code mode} says. */
    private static final class TruncatingServer implements AutoCloseable {
        final DatagramChannel udp;
        final ServerSocketChannel tcp;
        final Thread udpThread;
        final Thread tcpThread;

        TruncatingServer(String mode) throws IOException {
            ServerSocketChannel server = null;
            DatagramChannel datagrams = null;
            for (int i = 0; i < 50 && datagrams == null; i++) {
                server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                try {
                    datagrams = DatagramChannel.open().bind(server.getLocalAddress());
                } catch (IOException taken) {
                    server.close();
                }
            }
            if (datagrams == null) {
                throw new IOException("no loopback port free for both UDP and TCP");
            }
            udp = datagrams;
            tcp = server;
            if (mode.equals("refused")) {
                tcp.close();
            }
            udpThread = daemon("truncating-udp", () -> {
                ByteBuffer in = ByteBuffer.allocate(2048);
                while (true) {
                    in.clear();
                    var from = udp.receive(in);
                    byte[] q = java.util.Arrays.copyOf(in.array(), in.position());
                    udp.send(ByteBuffer.wrap(response(id(q), 0, true, question(q), 0)), from);
                }
            });
            tcpThread = mode.equals("refused") ? null : daemon("faulty-tcp", () -> {
                while (true) {
                    SocketChannel c = tcp.accept();
                    ByteBuffer length = ByteBuffer.allocate(2);
                    while (length.hasRemaining() && c.read(length) >= 0) {
                        // the length prefix
                    }
                    ByteBuffer query = ByteBuffer.allocate(length.flip().getShort() & 0xffff);
                    while (query.hasRemaining() && c.read(query) >= 0) {
                        // the query
                    }
                    byte[] q = query.array();
                    byte[] good = response(id(q), 0, false, question(q), 1, a(60, 10, 0, 0, 1));
                    switch (mode) {
                        case "close" -> c.close();
                        case "short" -> {
                            c.write(ByteBuffer.allocate(2 + 10).putShort((short) good.length).put(good, 0, 10).flip());
                            c.close();
                        }
                        case "garbage" -> {
                            byte[] junk = new byte[200];
                            new Random(7).nextBytes(junk);
                            junk[0] = q[0];
                            junk[1] = q[1];
                            c.write(ByteBuffer.allocate(2 + junk.length).putShort((short) junk.length).put(junk).flip());
                            c.close();
                        }
                        case "silent" -> { } // keeps the connection open, answers nothing
                        default -> {
                            c.write(ByteBuffer.allocate(2 + good.length).putShort((short) good.length).put(good).flip());
                            c.close();
                        }
                    }
                }
            });
        }

        private interface Body {
            void run() throws IOException;
        }

        private static Thread daemon(String name, Body body) {
            Thread t = new Thread(() -> {
                try {
                    body.run();
                } catch (IOException closed) {
                    // close() ends it
                }
            }, name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        String address() throws IOException {
            return "127.0.0.1:" + ((InetSocketAddress) udp.getLocalAddress()).getPort();
        }

        @Override
        public void close() throws Exception {
            udp.close();
            tcp.close();
            udpThread.join(5_000);
            if (tcpThread != null) {
                tcpThread.join(5_000);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"answer", "refused", "close", "short", "garbage", "silent"})
    void theTcpFallbackFailsCleanlyInEveryWay(String mode) throws Exception {
        String expected = switch (mode) {
            case "answer" -> "ok [10.0.0.1]";
            case "refused" -> "ECONNREFUSED";
            // c-ares (node's resolver) reports a TCP connection the server closes before a whole answer so.
            case "close", "short" -> "ECONNREFUSED";
            case "garbage" -> "EBADRESP";
            default -> "ETIMEOUT";
        };
        try (TruncatingServer server = new TruncatingServer(mode)) {
            long start = System.nanoTime();
            // Only silence needs the short timeout: the rest must not be turned into timeouts by a busy machine.
            String got = outcome(mode.equals("silent") ? FAST : PATIENT, server.address(), r -> r.resolve4("x.test"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(expected, got, mode);
            assertTrue(ms < 10_000, mode + " took " + ms + " ms");
        }
    }

    @Test
    void randomBytesBehindAValidIdAreEbadresp() throws Exception {
        byte[] junk = new byte[300];
        new Random(11).nextBytes(junk);
        try (FakeDnsServer server = new FakeDnsServer(q -> {
            byte[] reply = junk.clone();
            reply[0] = q[0];
            reply[1] = q[1];
            reply[2] = (byte) (reply[2] | 0x80); // a response, not a query
            reply[2] = (byte) (reply[2] & ~0x02); // not truncated: the verdict is this packet's
            return List.of(Reply.of(reply));
        }, q -> new byte[0])) {
            assertEquals("EBADRESP", outcome(FAST, server.address(), r -> r.resolve4("x.test")));
        }
    }

    @Test
    void aDnsmasqThatStopsAnsweringTimesOutComesBackAndDiesIsRefused() throws Exception {
        try (Dnsmasq dnsmasq = Dnsmasq.start(List.of())) {
            assertEquals("ok [10.0.0.1]", outcome(FAST, dnsmasq.server(), r -> r.resolve4("host.test")));
            signal(dnsmasq, "STOP");
            try {
                assertEquals("ETIMEOUT", outcome(FAST, dnsmasq.server(), r -> r.resolve4("host.test")));
            } finally {
                signal(dnsmasq, "CONT");
            }
            assertEquals("ok [10.0.0.1]", outcome(FAST, dnsmasq.server(), r -> r.resolve4("host.test")));
            dnsmasq.kill();
            assertEquals("ECONNREFUSED", outcome(FAST, dnsmasq.server(), r -> r.resolve4("host.test")));
        }
    }

    private static void signal(Dnsmasq dnsmasq, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(dnsmasq.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal);
    }
}
