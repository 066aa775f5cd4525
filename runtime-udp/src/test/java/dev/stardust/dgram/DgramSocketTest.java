package dev.stardust.dgram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.AddressInfo;
import dev.stardust.Buffer;
import dev.stardust.Loop;
import dev.stardust.StardustException;
import dev.stardust.Timer;
import dev.stardust.Timers;
import dev.stardust.testing.LoopTester;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** UDP sockets against each other and against the JDK's DatagramChannel, on every available transport. */
class DgramSocketTest {

    /** Long enough for the multicast and broadcast cases on a busy machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void echoesBetweenTwoSocketsWithSenderInfo(String transport) {
        List<String> got = new ArrayList<>();
        LoopTester.run(transport, TIMEOUT, t -> {
            DgramSocket server = Dgram.createSocket("udp4");
            server.on("message", (Datagram d) -> server.send(d.data(), d.sender().port(), d.sender().address()));
            server.bind(0, "127.0.0.1").onSuccess(v -> {
                AddressInfo at = server.address();
                assertEquals("127.0.0.1", at.address());
                assertEquals("IPv4", at.family());
                DgramSocket client = Dgram.createSocket("udp4", d -> {
                    got.add(d.data() + " from " + d.sender().address() + ":" + d.sender().port()
                            + " size " + d.size());
                });
                client.on("message", (Datagram d) -> {
                    assertEquals(at.port(), d.sender().port());
                    client.close();
                    server.close();
                });
                client.send(Buffer.from("hello"), at.port(), "127.0.0.1");
            });
        });
        assertEquals(1, got.size());
        assertTrue(got.get(0).startsWith("hello from 127.0.0.1:"), got.get(0));
        assertTrue(got.get(0).endsWith(" size 5"), got.get(0));
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void a60000ByteDatagramArrivesWholeBothWays(String transport) throws Exception {
        byte[] big = new byte[60_000];
        new Random(42).nextBytes(big);
        AtomicReference<byte[]> atStardust = new AtomicReference<>();
        AtomicReference<byte[]> atJdk = new AtomicReference<>();
        try (DatagramChannel jdk = DatagramChannel.open(StandardProtocolFamily.INET)) {
            jdk.bind(new InetSocketAddress("127.0.0.1", 0));
            int jdkPort = ((InetSocketAddress) jdk.getLocalAddress()).getPort();
            LoopTester.run(transport, TIMEOUT, t -> {
                DgramSocket socket = Dgram.createSocket("udp4", d -> {
                    atStardust.set(d.data().toByteArray());
                });
                socket.bind(0, "127.0.0.1").onSuccess(v -> {
                    int port = socket.address().port();
                    // The JDK peer blocks, so it runs on the worker pool: it receives ours, then sends its own.
                    Loop.current().executeBlocking(() -> {
                        ByteBuffer in = ByteBuffer.allocate(65_536);
                        jdk.receive(in);
                        in.flip();
                        byte[] copy = new byte[in.remaining()];
                        in.get(copy);
                        atJdk.set(copy);
                        jdk.send(ByteBuffer.wrap(big), new InetSocketAddress("127.0.0.1", port));
                        return null;
                    });
                    socket.send(Buffer.from(big), jdkPort, "127.0.0.1");
                    socket.once("message", ignored -> socket.close());
                });
            });
        }
        assertArrayEquals(big, atJdk.get());
        assertArrayEquals(big, atStardust.get());
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void oversizedSendFailsWithEmsgsizeAndSendAfterCloseIsNotRunning(String transport) {
        List<String> codes = new ArrayList<>();
        LoopTester.run(transport, TIMEOUT, t -> {
            DgramSocket socket = Dgram.createSocket("udp4");
            socket.bind(0, "127.0.0.1").onSuccess(v -> socket
                    .send(Buffer.alloc(65_508), socket.address().port(), "127.0.0.1")
                    .onFailure(e -> {
                        codes.add(((StardustException) e).code());
                        socket.close().onSuccess(closed -> socket.send(Buffer.from("late"), 9, "127.0.0.1")
                                .onFailure(late -> codes.add(((StardustException) late).code())));
                    }));
        });
        assertEquals(List.of("EMSGSIZE", "ERR_SOCKET_DGRAM_NOT_RUNNING"), codes);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void bindToAPortInUseFailsThePromiseOnlyAndCloses(String transport) throws Exception {
        List<String> seen = new ArrayList<>();
        try (DatagramChannel holder = DatagramChannel.open(StandardProtocolFamily.INET)) {
            holder.bind(new InetSocketAddress("127.0.0.1", 0));
            int taken = ((InetSocketAddress) holder.getLocalAddress()).getPort();
            LoopTester.run(transport, TIMEOUT, t -> {
                DgramSocket socket = Dgram.createSocket("udp4");
                socket.onError(e -> seen.add("error event"));
                socket.onClose(() -> seen.add("close"));
                socket.bind(taken, "127.0.0.1").onFailure(e -> seen.add("promise " + ((StardustException) e).code()));
            });
        }
        // Reported once: the caller holds the promise, so no error event repeats it.
        assertEquals(List.of("close", "promise EADDRINUSE"), seen.stream().sorted().toList());
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void connectSendsToThePeerOnlyAndDisconnectUndoesIt(String transport) throws Exception {
        List<String> seen = new ArrayList<>();
        try (DatagramChannel jdk = DatagramChannel.open(StandardProtocolFamily.INET)) {
            jdk.bind(new InetSocketAddress("127.0.0.1", 0));
            int jdkPort = ((InetSocketAddress) jdk.getLocalAddress()).getPort();
            LoopTester.run(transport, TIMEOUT, t -> {
                DgramSocket socket = Dgram.createSocket("udp4");
                assertThrows(StardustException.class, socket::remoteAddress);
                socket.on("connect", ignored -> seen.add("connect"));
                socket.connect(jdkPort, "127.0.0.1").onSuccess(v -> {
                    seen.add("remote " + socket.remoteAddress().port());
                    StardustException connected = assertThrows(StardustException.class,
                            () -> socket.send(Buffer.from("x"), jdkPort, "127.0.0.1"));
                    assertEquals("ERR_SOCKET_DGRAM_IS_CONNECTED", connected.code());
                    int port = socket.address().port();
                    Loop.current().executeBlocking(() -> {
                        ByteBuffer in = ByteBuffer.allocate(100);
                        InetSocketAddress from = (InetSocketAddress) jdk.receive(in);
                        in.flip();
                        jdk.send(in, from);
                        in.clear();
                        jdk.receive(in);
                        in.flip();
                        return new String(in.array(), 0, in.limit(), java.nio.charset.StandardCharsets.UTF_8)
                                + " to " + from.getPort();
                    }).onSuccess(second -> {
                        seen.add("jdk got " + second.replace(String.valueOf(port), "us"));
                        socket.close();
                    });
                    socket.once("message", (Datagram d) -> {
                        seen.add("echo " + d.data());
                        socket.disconnect();
                        StardustException gone = assertThrows(StardustException.class, socket::remoteAddress);
                        assertEquals("ERR_SOCKET_DGRAM_NOT_CONNECTED", gone.code());
                        socket.send(Buffer.from("after"), jdkPort, "127.0.0.1");
                    });
                    socket.send(Buffer.from("ping"));
                });
            });
        }
        assertEquals(List.of("connect", "remote " + seen.get(1).substring(7), "echo ping", "jdk got after to us"),
                seen);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void optionsNeedABoundSocketAndApplyOnce(String transport) {
        LoopTester.run(transport, TIMEOUT, t -> {
            DgramSocket socket = Dgram.createSocket("udp4");
            StardustException early = assertThrows(StardustException.class, () -> socket.setBroadcast(true));
            assertEquals("ERR_SOCKET_DGRAM_NOT_RUNNING", early.code());
            assertEquals("ERR_SOCKET_DGRAM_NOT_RUNNING",
                    assertThrows(StardustException.class, socket::address).code());
            socket.bind(0).onSuccess(v -> {
                socket.setBroadcast(true).setMulticastTTL(4).setMulticastLoopback(true)
                        .setMulticastInterface("127.0.0.1");
                socket.setRecvBufferSize(256 * 1024).setSendBufferSize(128 * 1024);
                assertTrue(socket.recvBufferSize() >= 256 * 1024, "recv " + socket.recvBufferSize());
                assertTrue(socket.sendBufferSize() >= 128 * 1024, "send " + socket.sendBufferSize());
                if (transport.equals("nio")) {
                    assertEquals("ENOTSUP", assertThrows(StardustException.class, () -> socket.setTTL(64)).code());
                } else {
                    socket.setTTL(64);
                }
                assertEquals("EINVAL", assertThrows(StardustException.class, () -> socket.setTTL(0)).code());
                assertEquals("EINVAL",
                        assertThrows(StardustException.class, () -> socket.addMembership("10.0.0.1")).code());
                socket.close();
            });
        });
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void ipv6SocketsEchoOnLoopback(String transport) {
        List<String> got = new ArrayList<>();
        LoopTester.run(transport, TIMEOUT, t -> {
            DgramSocket a = Dgram.createSocket("udp6");
            DgramSocket b = Dgram.createSocket("udp6", d -> {
                got.add(d.data() + " " + d.sender().address() + " " + d.sender().family());
            });
            b.bind(0, "::1").onSuccess(v -> a.send(Buffer.from("six"), b.address().port(), "::1"));
            b.on("message", ignored -> {
                a.close();
                b.close();
            });
        });
        assertEquals(List.of("six ::1 IPv6"), got);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void unrefLetsTheLoopEndAndCloseIsEmittedOnce(String transport) {
        List<String> seen = new ArrayList<>();
        LoopTester.run(transport, TIMEOUT, t -> {
            DgramSocket kept = Dgram.createSocket("udp4");
            kept.bind(0).onSuccess(v -> {
                kept.unref();
                assertFalse(kept.hasRef());
                seen.add("unref");
            });
            DgramSocket closed = Dgram.createSocket("udp4");
            closed.onClose(() -> seen.add("close"));
            closed.close();
            closed.close();
        });
        assertEquals(List.of("close", "unref"), seen.stream().sorted().toList());
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void anUnknownSocketTypeIsRejected(String transport) {
        LoopTester.run(transport, TIMEOUT, t -> assertEquals("ERR_SOCKET_BAD_TYPE",
                assertThrows(StardustException.class, () -> Dgram.createSocket("tcp")).code()));
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void aBurstAtASlowHandlerDropsAndCountsEveryDatagram(String transport) throws Exception {
        int burst = 10_000;
        long[] counts = new long[2];
        try (DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET)) {
            LoopTester.run(transport, TIMEOUT, t -> {
                DgramSocket socket = Dgram.createSocket("udp4", d -> {
                    long until = System.nanoTime() + 50_000;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                });
                socket.bind(0, "127.0.0.1").onSuccess(v -> {
                    socket.setRecvBufferSize(64 * 1024);
                    int port = socket.address().port();
                    Loop.current().executeBlocking(() -> {
                        ByteBuffer payload = ByteBuffer.allocate(1000);
                        InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
                        for (int i = 0; i < burst; i++) {
                            payload.clear();
                            sender.send(payload, to);
                        }
                        return null;
                    }).onSuccess(sent -> {
                        // Every datagram is either delivered or counted as dropped: wait for the sum, bounded by
                        // the test's timeout.
                        Timer[] poll = new Timer[1];
                        poll[0] = Timers.setInterval(() -> {
                            if (socket.receivedMessages() + socket.droppedMessages() >= burst) {
                                counts[0] = socket.receivedMessages();
                                counts[1] = socket.droppedMessages();
                                poll[0].close();
                                socket.close();
                            }
                        }, 5);
                    });
                });
            });
        }
        assertEquals(burst, counts[0] + counts[1], "received " + counts[0] + " + dropped " + counts[1]);
        assertTrue(counts[1] > 0, "a 64 KiB buffer at 50 us a datagram must overflow: dropped " + counts[1]);
        assertTrue(counts[0] > 0, "received " + counts[0]);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void multicastOnLoopbackWhereTheKernelAllowsIt(String transport) {
        List<String> got = new ArrayList<>();
        String group = "239.255.43.21";
        LoopTester.run(transport, TIMEOUT, t -> {
            DgramSocket receiver = Dgram.createSocket("udp4", d -> got.add(d.data().toString()));
            DgramSocket sender = Dgram.createSocket("udp4");
            receiver.bind(0).onSuccess(v -> {
                receiver.addMembership(group, "127.0.0.1");
                sender.bind(0, "127.0.0.1").onSuccess(w -> {
                    sender.setMulticastInterface("127.0.0.1").setMulticastLoopback(true).setMulticastTTL(1);
                    sender.send(Buffer.from("to the group"), receiver.address().port(), group);
                });
            });
            receiver.on("message", ignored -> {
                receiver.dropMembership(group, "127.0.0.1");
                receiver.close();
                sender.close();
            });
        });
        assertEquals(List.of("to the group"), got);
    }
}
