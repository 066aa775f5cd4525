package dev.stardust.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.Loop;
import dev.stardust.StardustException;
import dev.stardust.Timers;
import dev.stardust.testing.LoopTester;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Half-close in both directions and resets, against JDK sockets, on every transport. */
class HalfCloseTest {

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void peerEndsFirstAndAHalfOpenSocketStillReplies(String transport) throws Exception {
        List<String> events = new ArrayList<>();
        CompletableFuture<String> reply = new CompletableFuture<>();
        LoopTester.run(transport, Duration.ofSeconds(10), t -> {
            Server server = Net.createServer(socket -> {
                socket.allowHalfOpen(true);
                StringBuilder request = new StringBuilder();
                socket.setEncoding(StandardCharsets.UTF_8).onData(request::append);
                socket.onEnd(() -> {
                    events.add("end:" + request);
                    socket.end(Buffer.from("reply to " + request));
                });
                socket.onFinish(() -> events.add("finish"));
                socket.onClose(() -> events.add("close"));
            });
            server.listen(0, "127.0.0.1").onSuccess(s -> jdkClient(s.address().port(), reply, sock -> {
                sock.getOutputStream().write("question".getBytes(StandardCharsets.UTF_8));
                sock.shutdownOutput();
                return new String(sock.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }, server));
        });
        assertEquals("reply to question", reply.get(1, TimeUnit.SECONDS));
        assertEquals(List.of("end:question", "finish", "close"), events);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void withoutAllowHalfOpenTheSocketEndsItsSideWhenThePeerEnds(String transport) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        LoopTester.run(transport, Duration.ofSeconds(10), t -> {
            Server server = Net.createServer(socket -> socket.onData(data -> { }));
            server.listen(0, "127.0.0.1").onSuccess(s -> jdkClient(s.address().port(), reply, sock -> {
                sock.shutdownOutput();
                return "eof:" + sock.getInputStream().read();
            }, server));
        });
        assertEquals("eof:-1", reply.get(1, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void socketEndsFirstAndStillReadsWhatThePeerSendsAfterwards(String transport) throws Exception {
        StringBuilder got = new StringBuilder();
        List<String> events = new ArrayList<>();
        CompletableFuture<String> peerSaw = new CompletableFuture<>();
        LoopTester.run(transport, Duration.ofSeconds(10), t -> {
            java.net.ServerSocket peer = openJdkServer();
            Thread peerThread = new Thread(() -> {
                try (java.net.Socket s = peer.accept()) {
                    String request = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    s.getOutputStream().write(("late answer to " + request).getBytes(StandardCharsets.UTF_8));
                    peerSaw.complete(request);
                } catch (Exception e) {
                    peerSaw.completeExceptionally(e);
                } finally {
                    closeQuietly(peer);
                }
            });
            peerThread.start();
            Socket socket = Net.connect(peer.getLocalPort(), "127.0.0.1");
            socket.allowHalfOpen(true);
            socket.setEncoding(StandardCharsets.UTF_8).onData(got::append);
            socket.onFinish(() -> events.add("finish"));
            socket.onEnd(() -> events.add("end"));
            socket.onClose(() -> events.add("close"));
            socket.end(Buffer.from("ping"));
        });
        assertEquals("ping", peerSaw.get(1, TimeUnit.SECONDS));
        assertEquals("late answer to ping", got.toString());
        assertEquals(List.of("finish", "end", "close"), events);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void resetAfterHalfCloseClosesTheSocketPromptlyWithoutSpinning(String transport) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] cpuWhileHalfOpen = new long[1];
        long[] idleMillis = new long[1];
        long[] closeDelayMillis = {-1};
        List<String> codes = new ArrayList<>();
        CompletableFuture<Void> resetSent = new CompletableFuture<>();
        LoopTester.run(transport, Duration.ofSeconds(15), t -> {
            java.net.ServerSocket peer = openJdkServer();
            CompletableFuture<java.net.Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return peer.accept();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                } finally {
                    closeQuietly(peer);
                }
            });
            Socket socket = Net.connect(peer.getLocalPort(), "127.0.0.1");
            socket.allowHalfOpen(true);
            socket.onData(data -> { });
            socket.on("error", (Throwable e) -> codes.add(((StardustException) e).code()));
            long[] resetAt = new long[1];
            socket.onClose(() -> closeDelayMillis[0] = (System.nanoTime() - resetAt[0]) / 1_000_000);
            socket.onFinish(() -> {
                // Our side is shut; the peer still has its side open. Watch the loop's CPU while nothing happens:
                // the idle stretch is the subject of the test (a spinning loop burns CPU only while it has nothing
                // to do), so it is a stretch of the loop's own timer, measured against the time it really took.
                // Everything else follows events: the reset is sent when the stretch ends, the close follows it.
                long threadId = Thread.currentThread().getId();
                long cpuBefore = threads.getThreadCpuTime(threadId);
                long idleFrom = System.nanoTime();
                Timers.setTimeout(() -> {
                    cpuWhileHalfOpen[0] = (threads.getThreadCpuTime(threadId) - cpuBefore) / 1_000_000;
                    idleMillis[0] = (System.nanoTime() - idleFrom) / 1_000_000;
                    resetAt[0] = System.nanoTime();
                    accepted.thenAccept(s -> {
                        try {
                            s.setSoLinger(true, 0);
                            s.close();
                            resetSent.complete(null);
                        } catch (Exception e) {
                            resetSent.completeExceptionally(e);
                        }
                    });
                }, 300);
            });
            socket.end();
        });
        resetSent.get(1, TimeUnit.SECONDS);
        assertTrue(cpuWhileHalfOpen[0] * 2 < idleMillis[0],
                "the loop spent " + cpuWhileHalfOpen[0] + " ms of CPU in " + idleMillis[0] + " ms idle");
        assertTrue(closeDelayMillis[0] >= 0 && closeDelayMillis[0] < 1000,
                "closed " + closeDelayMillis[0] + " ms after the reset");
        assertEquals(List.of("ECONNRESET"), codes);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void peerResetMidStreamFailsThatSocketOnly(String transport) throws Exception {
        List<String> errors = new ArrayList<>();
        CompletableFuture<String> survivor = new CompletableFuture<>();
        LoopTester.run(transport, Duration.ofSeconds(10), t -> {
            Server server = Net.createServer(socket -> {
                socket.on("error", (Throwable e) -> errors.add(((StardustException) e).code()));
                socket.pipe(socket);
            });
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                int port = s.address().port();
                Loop loop = Loop.current();
                CompletableFuture.runAsync(() -> {
                    try (java.net.Socket good = new java.net.Socket("127.0.0.1", port)) {
                        try (java.net.Socket bad = new java.net.Socket("127.0.0.1", port)) {
                            bad.getOutputStream().write(new byte[100_000]);
                            bad.getInputStream().readNBytes(1000);
                            bad.setSoLinger(true, 0);
                        }
                        good.getOutputStream().write("still here".getBytes(StandardCharsets.UTF_8));
                        good.shutdownOutput();
                        survivor.complete(new String(good.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                    } catch (Exception e) {
                        survivor.completeExceptionally(e);
                    }
                }).whenComplete((v, e) -> loop.execute(server::close));
            });
        });
        assertEquals("still here", survivor.get(1, TimeUnit.SECONDS));
        assertEquals(List.of("ECONNRESET"), errors);
    }

    interface Exchange {
        String run(java.net.Socket socket) throws Exception;
    }

    /** Runs {@code exchange} on a JDK client thread, then closes {@code server} from the loop. */
    static void jdkClient(int port, CompletableFuture<String> result, Exchange exchange, Server server) {
        Loop loop = Loop.current();
        Thread t = new Thread(() -> {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port));
                result.complete(exchange.run(s));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            } finally {
                loop.execute(server::close);
            }
        });
        t.start();
    }

    static java.net.ServerSocket openJdkServer() {
        try {
            return new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        } catch (java.io.IOException e) {
            throw new RuntimeException(e);
        }
    }

    static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (java.io.IOException ignored) {
            // Nothing to do: the test is over with it.
        }
    }
}
