package dev.stardust.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.Loop;
import dev.stardust.StardustException;
import dev.stardust.Timers;
import dev.stardust.testing.LoopTester;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Servers and connecting: many connections, close semantics, error codes, idle timeout, Unix sockets, socat. */
class ServerTest {

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void echoesOverOneThousandConcurrentConnections(String transport) {
        int connections = 1000;
        int[] intact = new int[1];
        int[] closed = new int[1];
        LoopTester.run(transport, Duration.ofSeconds(40), t -> {
            Server server = Net.createServer(socket -> socket.pipe(socket));
            server.listen(0, "127.0.0.1", 1024).onSuccess(s -> {
                Buffer payload = BackpressureTest.sequenceChunk(0).slice(0, 1024);
                for (int i = 0; i < connections; i++) {
                    Socket c = Net.connect(s.address().port(), "127.0.0.1");
                    List<Buffer> got = new ArrayList<>();
                    c.onData(got::add);
                    c.onEnd(() -> {
                        if (Buffer.concat(got).equals(payload)) {
                            intact[0]++;
                        }
                    });
                    c.onClose(() -> {
                        if (++closed[0] == connections) {
                            server.close();
                        }
                    });
                    c.end(payload);
                }
            });
        });
        assertEquals(connections, intact[0], "connections that echoed their 1 KiB intact");
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void closeStopsAcceptingAndCompletesWhenTheLastConnectionEnds(String transport) throws Exception {
        List<String> events = new ArrayList<>();
        CompletableFuture<Boolean> refusedAfterClose = new CompletableFuture<>();
        LoopTester.run(transport, Duration.ofSeconds(10), t -> {
            List<Socket> open = new ArrayList<>();
            Server server = Net.createServer(open::add);
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                int port = s.address().port();
                Socket a = Net.connect(port, "127.0.0.1");
                Socket b = Net.connect(port, "127.0.0.1");
                a.onClose(() -> events.add("client a closed"));
                b.onClose(() -> events.add("client b closed"));
                server.on("connection", (Socket sock) -> {
                    if (open.size() < 2) {
                        return;
                    }
                    events.add("connections " + server.connections());
                    server.onClose(() -> events.add("server close event"));
                    server.close().onSuccess(v -> events.add("close promise"));
                    assertFalse(server.listening());
                    Loop loop = Loop.current();
                    // Two loop turns later: the JDK closes a selector-registered socket's descriptor at the next select.
                    Timers.setImmediate(() -> Timers.setImmediate(() -> CompletableFuture.runAsync(() -> {
                        try (java.net.Socket late = new java.net.Socket("127.0.0.1", port)) {
                            refusedAfterClose.complete(false);
                        } catch (ConnectException expected) {
                            refusedAfterClose.complete(true);
                        } catch (Exception e) {
                            refusedAfterClose.completeExceptionally(e);
                        }
                    }).whenComplete((v, e) -> loop.execute(() -> {
                        events.add("server still waiting: " + server.connections());
                        a.end();
                        b.end();
                    }))));
                });
            });
        });
        assertTrue(refusedAfterClose.get(1, TimeUnit.SECONDS), "a connection after close() is refused");
        assertEquals("connections 2", events.get(0));
        assertEquals("server still waiting: 2", events.get(1));
        List<String> rest = events.subList(2, events.size());
        assertEquals(List.of("client a closed", "client b closed", "close promise", "server close event"),
                rest.stream().sorted().toList());
        assertTrue(rest.indexOf("server close event") < rest.indexOf("close promise"), events.toString());
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void listeningOnAPortInUseFailsThePromiseOnly(String transport) {
        List<String> outcomes = new ArrayList<>();
        LoopTester.run(transport, Duration.ofSeconds(10), t -> {
            Server first = Net.createServer(socket -> { });
            first.listen(0, "127.0.0.1").onSuccess(s -> {
                Server second = Net.createServer(socket -> { });
                second.onError(e -> outcomes.add("error event"));
                second.listen(s.address().port(), "127.0.0.1").onFailure(e -> {
                    outcomes.add("promise " + ((StardustException) e).code() + " " + e.getMessage());
                    first.close();
                });
            });
        });
        // Reported once, to the promise the caller holds; nothing is left open.
        assertEquals(1, outcomes.size(), outcomes.toString());
        assertTrue(outcomes.get(0).matches("promise EADDRINUSE EADDRINUSE: listen EADDRINUSE 127\\.0\\.0\\.1:\\d+"), outcomes.toString());
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void anUnhandledListenFailureReachesTheUncaughtHandler(String transport) {
        LoopTester tester = LoopTester.run(transport, t -> {
            Server first = Net.createServer(socket -> { });
            t.expectUncaught(1).onUncaught(e -> first.close());
            first.listen(0, "127.0.0.1").onSuccess(s -> {
                // Nobody handles this promise: its failure is the one report.
                Net.createServer(socket -> { }).listen(s.address().port(), "127.0.0.1");
            });
        });
        List<Throwable> uncaught = tester.uncaught();
        assertEquals("ERR_UNHANDLED_REJECTION", ((StardustException) uncaught.get(0)).code());
        assertEquals("EADDRINUSE", ((StardustException) uncaught.get(0).getCause()).code());
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void connectFailuresCarryNodeCodesAndCloseTheSocket(String transport) throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = HalfCloseTest.openJdkServer()) {
            closedPort = s.getLocalPort();
        }
        List<String> outcomes = new ArrayList<>();
        LoopTester.run(transport, Duration.ofSeconds(10), t -> {
            Socket refused = Net.connect(closedPort, "127.0.0.1");
            refused.on("error", (Throwable e) -> outcomes.add("refused: " + ((StardustException) e).code()));
            refused.onClose(() -> outcomes.add("refused closed"));
            Socket unknown = Net.connect(80, "no-such-host.invalid");
            unknown.on("error", (Throwable e) -> outcomes.add("unknown: " + ((StardustException) e).code()));
            unknown.onClose(() -> outcomes.add("unknown closed"));
        });
        assertEquals(List.of("refused closed", "refused: ECONNREFUSED", "unknown closed", "unknown: ENOTFOUND"),
                outcomes.stream().sorted().toList());
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void anIdleSocketEmitsTimeoutAndStaysOpenUntilDestroyed(String transport) {
        long[] idleMillis = {-1};
        boolean[] openAtTimeout = new boolean[1];
        LoopTester.run(transport, Duration.ofSeconds(10), t -> {
            Server server = Net.createServer(socket -> {
                long start = System.nanoTime();
                socket.setTimeout(100);
                socket.onTimeout(() -> {
                    idleMillis[0] = (System.nanoTime() - start) / 1_000_000;
                    openAtTimeout[0] = !socket.destroyed();
                    socket.destroy();
                });
            });
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                Socket client = Net.connect(s.address().port(), "127.0.0.1");
                client.onData(d -> { });
                client.onClose(server::close);
            });
        });
        assertTrue(idleMillis[0] >= 100 && idleMillis[0] < 2000, "timeout after " + idleMillis[0] + " ms");
        assertTrue(openAtTimeout[0], "the socket is still open when timeout fires");
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void addressesAndByteCountsAreReported(String transport) {
        List<String> seen = new ArrayList<>();
        LoopTester.run(transport, Duration.ofSeconds(10), t -> {
            Server server = Net.createServer(socket -> {
                socket.onData(d -> { });
                socket.onEnd(() -> {
                    seen.add("server read " + socket.bytesRead() + " from " + socket.remoteAddress());
                    socket.end(Buffer.from("abc"));
                });
            });
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                Socket client = Net.connect(s.address().port(), "127.0.0.1", () -> seen.add("connected"));
                client.onData(d -> { });
                client.onClose(() -> {
                    seen.add("client " + client.remotePort() + "=" + s.address().port() + " wrote "
                            + client.bytesWritten() + " read " + client.bytesRead() + " " + client.remoteFamily());
                    server.close();
                });
                client.end(Buffer.from("12345"));
            });
        });
        assertEquals("connected", seen.get(0));
        assertEquals("server read 5 from 127.0.0.1", seen.get(1));
        assertTrue(seen.get(2).matches("client (\\d+)=\\1 wrote 5 read 3 IPv4"), seen.get(2));
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void anUnrefdServerDoesNotKeepTheLoopAlive(String transport) {
        boolean[] hasRef = {true};
        // The assertion that matters is that the loop ends at all: a referenced server would keep it running.
        LoopTester.run(transport, Duration.ofSeconds(10), t -> {
            Server server = Net.createServer(socket -> { });
            server.listen(0, "127.0.0.1");
            server.unref();
            hasRef[0] = server.hasRef();
        });
        assertFalse(hasRef[0]);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#domainSocketTransports")
    void echoesOverAUnixDomainSocket(String transport) throws Exception {
        Path dir = Files.createTempDirectory("stardust-net");
        Path path = dir.resolve("echo.sock");
        StringBuilder got = new StringBuilder();
        String[] family = new String[1];
        LoopTester.run(transport, Duration.ofSeconds(10), t -> {
            Server server = Net.createServer(socket -> socket.pipe(socket));
            server.listen(path).onSuccess(s -> {
                family[0] = s.address().family();
                Socket client = Net.connect(path);
                client.setEncoding(StandardCharsets.UTF_8).onData(got::append);
                client.onClose(server::close);
                client.end(Buffer.from("over unix"));
            });
        });
        Files.deleteIfExists(path);
        Files.delete(dir);
        assertEquals("over unix", got.toString());
        assertEquals("unix", family[0]);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void socatTalksToTheEchoServer(String transport) throws Exception {
        CompletableFuture<String> output = new CompletableFuture<>();
        LoopTester.run(transport, Duration.ofSeconds(15), t -> {
            Server server = Net.createServer(socket -> socket.pipe(socket));
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                Loop loop = Loop.current();
                CompletableFuture.runAsync(() -> {
                    try {
                        Process p = new ProcessBuilder("socat", "-t", "5", "-", "TCP:127.0.0.1:" + s.address().port())
                                .redirectErrorStream(true).start();
                        p.getOutputStream().write("through socat\n".getBytes(StandardCharsets.UTF_8));
                        p.getOutputStream().close();
                        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
                        output.complete(out + "exit " + p.exitValue());
                    } catch (Exception e) {
                        output.completeExceptionally(e);
                    }
                }).whenComplete((v, e) -> loop.execute(server::close));
            });
        });
        assertEquals("through socat\nexit 0", output.get(1, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void listeningTwiceIsAnError(String transport) {
        LoopTester.run(transport, Duration.ofSeconds(10), t -> {
            Server server = Net.createServer();
            server.listen(0, "127.0.0.1");
            StardustException e = assertThrows(StardustException.class, () -> server.listen(0));
            assertEquals("ERR_SERVER_ALREADY_LISTEN", e.code());
            server.close();
        });
    }
}
