package dev.stardust.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.Loop;
import dev.stardust.StardustException;
import dev.stardust.Timers;
import dev.stardust.stream.Streams;
import dev.stardust.stream.Transform;
import dev.stardust.testing.LoopTester;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Memory stays bounded both ways: demand-driven reads, write() and drain following the channel's water marks. */
class BackpressureTest {
    private static final int CHUNK = 16 * 1024;

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void aPeerThatNeverReadsBoundsWhatIsQueuedAndDrainFiresOnceWhenItReadsAgain(String transport) throws Exception {
        CountDownLatch startReading = new CountDownLatch(1);
        CompletableFuture<long[]> peer = new CompletableFuture<>();
        long[] queuedAtFalse = new long[1];
        long[] written = new long[1];
        LoopTester.run(transport, Duration.ofSeconds(20), t -> {
            java.net.ServerSocket jdk = HalfCloseTest.openJdkServer();
            Socket socket = Net.connect(jdk.getLocalPort(), "127.0.0.1");
            Loop loop = Loop.current();
            CompletableFuture.runAsync(() -> {
                try (java.net.Socket s = jdk.accept()) {
                    HalfCloseTest.closeQuietly(jdk);
                    startReading.await(10, TimeUnit.SECONDS);
                    // Once every byte written so far has arrived, nothing is queued on our side: the drain has
                    // happened, and a second one would have too. Only then does the socket end.
                    peer.complete(readSequence(s.getInputStream(), written[0], () -> loop.execute(socket::end)));
                } catch (Exception e) {
                    peer.completeExceptionally(e);
                }
            });
            // Exactly once over the socket's whole life: the harness counts the calls when the loop is empty.
            socket.onDrain(t.expect(() -> { }));
            socket.onConnect(() -> fillUntilFull(socket, written, queuedAtFalse, startReading));
        });
        long[] result = peer.get(1, TimeUnit.SECONDS);
        assertTrue(queuedAtFalse[0] >= Socket.HIGH_WATER_MARK && queuedAtFalse[0] < Socket.HIGH_WATER_MARK + CHUNK,
                "write() returned false with " + queuedAtFalse[0] + " bytes queued");
        assertEquals(written[0], result[0], "bytes received");
        assertEquals(1, result[1], "bytes arrived in order");
    }

    /** Writes sequence-numbered chunks, one per loop turn so the kernel buffers fill, until write() returns false. */
    private static void fillUntilFull(Socket socket, long[] written, long[] queuedAtFalse, CountDownLatch full) {
        boolean ok = socket.write(sequenceChunk(written[0]));
        written[0] += CHUNK;
        if (ok) {
            Timers.setImmediate(() -> fillUntilFull(socket, written, queuedAtFalse, full));
        } else {
            queuedAtFalse[0] = socket.writableLength();
            full.countDown();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void destroyMidwayFailsEachPendingWriteCallbackOnce(String transport) throws Exception {
        List<String> outcomes = new ArrayList<>();
        int[] callbacks = new int[64];
        CountDownLatch release = new CountDownLatch(1);
        LoopTester.run(transport, Duration.ofSeconds(20), t -> {
            java.net.ServerSocket jdk = HalfCloseTest.openJdkServer();
            CompletableFuture.runAsync(() -> {
                try (java.net.Socket s = jdk.accept()) {
                    HalfCloseTest.closeQuietly(jdk);
                    release.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Socket socket = Net.connect(jdk.getLocalPort(), "127.0.0.1");
            socket.on("error", (Throwable e) -> outcomes.add("error event"));
            socket.onClose(release::countDown);
            socket.onConnect(() -> {
                long[] written = new long[1];
                long[] ignored = new long[1];
                // Fill the kernel buffers first, then queue callback-tracked writes that cannot complete.
                fillAndThen(socket, written, ignored, () -> {
                    for (int i = 0; i < callbacks.length; i++) {
                        int index = i;
                        socket.write(sequenceChunk(0), error -> {
                            callbacks[index]++;
                            outcomes.add(error == null ? "ok" : ((StardustException) error).code());
                        });
                    }
                    socket.destroy();
                });
            });
        });
        for (int i = 0; i < callbacks.length; i++) {
            assertEquals(1, callbacks[i], "callback " + i + " calls");
        }
        assertFalse(outcomes.contains("error event"), "destroy() without an error emits no error");
        assertTrue(outcomes.contains("ERR_STREAM_DESTROYED"), "pending writes failed: " + outcomes);
    }

    private static void fillAndThen(Socket socket, long[] written, long[] queued, Runnable then) {
        boolean ok = socket.write(sequenceChunk(written[0]));
        written[0] += CHUNK;
        if (ok) {
            Timers.setImmediate(() -> fillAndThen(socket, written, queued, then));
        } else {
            then.run();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void aPausedSocketStopsReadingSoTheSenderBlocks(String transport) throws Exception {
        long total = 32L * 1024 * 1024;
        AtomicBoolean senderDone = new AtomicBoolean();
        boolean[] senderDoneAtResume = new boolean[1];
        long[] maxBuffered = new long[1];
        long[] received = new long[1];
        long[] bytesReadAtResume = new long[1];
        LoopTester.run(transport, Duration.ofSeconds(30), t -> {
            Server server = Net.createServer(socket -> {
                socket.pause();
                socket.onData(data -> received[0] += data.length());
                socket.onEnd(() -> socket.end());
                // A slow consumer: paused for 300 ms while the sender pushes 32 MB.
                Timers.setTimeout(() -> {
                    senderDoneAtResume[0] = senderDone.get();
                    maxBuffered[0] = socket.readableLength();
                    bytesReadAtResume[0] = socket.bytesRead();
                    socket.resume();
                }, 300);
            });
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                Loop loop = Loop.current();
                CompletableFuture.runAsync(() -> {
                    try (java.net.Socket c = new java.net.Socket("127.0.0.1", s.address().port())) {
                        OutputStream out = c.getOutputStream();
                        byte[] chunk = new byte[64 * 1024];
                        for (long sent = 0; sent < total; sent += chunk.length) {
                            out.write(chunk);
                        }
                        senderDone.set(true);
                        c.shutdownOutput();
                        c.getInputStream().readAllBytes();
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }).whenComplete((v, e) -> loop.execute(server::close));
            });
        });
        assertFalse(senderDoneAtResume[0], "the sender finished while the socket was paused");
        assertTrue(maxBuffered[0] <= 2L * Socket.HIGH_WATER_MARK, "buffered while paused: " + maxBuffered[0]);
        assertTrue(bytesReadAtResume[0] <= 2L * Socket.HIGH_WATER_MARK, "read while paused: " + bytesReadAtResume[0]);
        assertEquals(total, received[0]);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void pipelineFailureDestroysTheSocketAndFailsOnce(String transport) {
        List<String> outcomes = new ArrayList<>();
        LoopTester.run(transport, Duration.ofSeconds(10), t -> {
            Server server = Net.createServer(socket -> {
                int[] seen = new int[1];
                Transform<Buffer, Buffer> failing = Transform.of((Buffer b, Consumer<Buffer> out) -> {
                    if (++seen[0] == 2) {
                        throw new StardustException("EBADREQ", "second chunk refused");
                    }
                    out.accept(b);
                });
                socket.onClose(() -> outcomes.add("socket closed"));
                Streams.pipeline(socket, failing, socket).onComplete((v, e) ->
                        outcomes.add(e == null ? "ok" : "failed: " + ((StardustException) e).code()));
            });
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                Loop loop = Loop.current();
                CompletableFuture.runAsync(() -> {
                    try (java.net.Socket c = new java.net.Socket("127.0.0.1", s.address().port())) {
                        OutputStream out = c.getOutputStream();
                        out.write(1);
                        c.getInputStream().read();
                        out.write(2);
                        c.getInputStream().readAllBytes();
                    } catch (java.net.SocketException reset) {
                        // The server may reset the connection: that is one acceptable way of closing it.
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }).whenComplete((v, e) -> loop.execute(server::close));
            });
        });
        assertEquals(List.of("failed: EBADREQ", "socket closed"), outcomes.stream().sorted().toList());
    }

    static Buffer sequenceChunk(long offset) {
        byte[] bytes = new byte[CHUNK];
        for (int i = 0; i < CHUNK; i++) {
            bytes[i] = (byte) ((offset + i) % 251);
        }
        return Buffer.wrap(bytes);
    }

    /**
     * Reads to the end, running {@code atMark} once {@code mark} bytes have arrived; returns {bytes, 1 if every
     * byte matched its position's sequence value else 0}.
     */
    static long[] readSequence(InputStream in, long mark, Runnable atMark) throws Exception {
        byte[] buf = new byte[64 * 1024];
        long count = 0;
        long inOrder = 1;
        boolean marked = false;
        for (int n; (n = in.read(buf)) >= 0; ) {
            for (int i = 0; i < n; i++) {
                if (buf[i] != (byte) ((count + i) % 251)) {
                    inOrder = 0;
                }
            }
            count += n;
            if (!marked && count >= mark) {
                marked = true;
                atMark.run();
            }
        }
        return new long[] {count, inOrder};
    }
}
