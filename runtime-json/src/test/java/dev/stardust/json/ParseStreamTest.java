package dev.stardust.json;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.LoopOptions;
import dev.stardust.http.Http;
import dev.stardust.http.HttpServer;
import dev.stardust.net.Net;
import dev.stardust.net.Server;
import dev.stardust.stream.Transform;
import dev.stardust.testing.LoopTester;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Json#createParseStream}: a {@link Transform} from bytes to values, fed from a real TCP socket (a JDK client
 * writing NDJSON in odd-sized pieces) and from an HTTP request body, on every transport. Values arrive while the
 * peer is still sending; a parse error is one {@code error} event with its line and column; the output holds a
 * bounded number of values.
 */
class ParseStreamTest {
    private static final String FIRST = "{\"id\":1,\"tags\":[\"a\",\"b\"],\"ok\":true}\n";
    private static final String REST = "null\n[2,3.5,\"dr\u00e9\"]\n{\"id\":4,\"nested\":{\"x\":[]}}\n";
    private static final List<Object> EXPECTED = Arrays.asList(
            Map.of("id", 1L, "tags", List.of("a", "b"), "ok", true), null, List.of(2L, 3.5, "dr\u00e9"),
            Map.of("id", 4L, "nested", Map.of("x", List.of())));

    /** Held for the whole class: a JDK client that becomes unreachable shuts its connections. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();


    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void valuesFromATcpSocketArriveWhileThePeerIsStillSending(String transport) throws Exception {
        List<Object> values = new ArrayList<>();
        AtomicReference<CompletableFuture<String>> client = new AtomicReference<>();
        LoopTester.run(LoopOptions.defaults().withTransport(transport), Duration.ofSeconds(15), t -> {
            Server[] server = new Server[1];
            server[0] = Net.createServer(t.expect(socket -> {
                // Half-open, so that the reply can follow the client's end of input.
                socket.allowHalfOpen(true);
                Transform<Buffer, Object> values0 = Json.createParseStream();
                socket.pipe(values0);
                values0.on("data", (Object v) -> {
                    values.add(v == Json.NULL ? null : v);
                    if (values.size() == 1) {
                        // The client sends the rest only after this: the first value came before the input ended.
                        socket.write(Buffer.from("got 1\n"));
                    }
                });
                values0.onEnd(t.expect(() -> {
                    socket.end(Buffer.from("got " + values.size() + "\n"));
                    server[0].close();
                }));
            }));
            server[0].listen(0, "127.0.0.1").onSuccess(s -> client.set(runClient(s.address().port(), c -> {
                sendInPieces(c, FIRST, 5);
                String ack = readExactly(c, "got 1\n".length());
                sendInPieces(c, REST, 3);
                c.shutdownOutput();
                return ack + readToEnd(c);
            })));
        });
        assertEquals("got 1\ngot 4\n", client.get().get(10, SECONDS));
        assertEquals(EXPECTED, values);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void aParseErrorFromASocketIsOneErrorEventWithLineAndColumn(String transport) throws Exception {
        List<Object> values = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        AtomicReference<CompletableFuture<String>> client = new AtomicReference<>();
        LoopTester.run(LoopOptions.defaults().withTransport(transport), Duration.ofSeconds(15), t -> {
            Server[] server = new Server[1];
            server[0] = Net.createServer(t.expect(socket -> {
                Transform<Buffer, Object> stream = Json.createParseStream();
                socket.pipe(stream);
                stream.on("data", (Object v) -> {
                    values.add(v);
                    if (values.size() == 2) {
                        socket.write(Buffer.from("got 2\n"));
                    }
                });
                stream.onEnd(() -> errors.add(new AssertionError("end after an error")));
                stream.on("error", t.expect((Throwable e) -> {
                    errors.add(e);
                    socket.end(Buffer.from("error\n"));
                    server[0].close();
                }));
            }));
            server[0].listen(0, "127.0.0.1").onSuccess(s -> client.set(runClient(s.address().port(), c -> {
                // Values still buffered when a stream is destroyed are dropped, as in node: so the faulty line
                // follows only once both good values were emitted. Line 3 holds the fault at its 8th byte.
                sendInPieces(c, "{\"a\":1}\n[2]\n", 4);
                String ack = readExactly(c, "got 2\n".length());
                sendInPieces(c, "[1, 2, x]\n{\"b\":2}\n]]]\n", 4);
                return ack + readToEnd(c);
            })));
        });
        assertEquals("got 2\nerror\n", client.get().get(10, SECONDS));
        assertEquals(List.of(Map.of("a", 1L), List.of(2L)), values);
        assertEquals(1, errors.size(), () -> "errors: " + errors);
        JsonException e = (JsonException) errors.get(0);
        assertEquals("ERR_JSON_PARSE", e.code());
        assertEquals(3, e.line(), e::getMessage);
        assertEquals(8, e.column(), e::getMessage);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void valuesFromAnHttpRequestBodyArriveWhileTheClientIsStillSending(String transport) throws Exception {
        CountDownLatch firstValueSeen = new CountDownLatch(1);
        AtomicReference<CompletableFuture<HttpResponse<String>>> response = new AtomicReference<>();
        LoopTester.run(LoopOptions.defaults().withTransport(transport), Duration.ofSeconds(15), t -> {
            HttpServer[] server = new HttpServer[1];
            server[0] = Http.createServer(t.expect((req, res) -> {
                List<Object> values = new ArrayList<>();
                Transform<Buffer, Object> stream = Json.createParseStream();
                req.pipe(stream);
                stream.on("data", (Object v) -> {
                    values.add(v);
                    firstValueSeen.countDown();
                });
                stream.onEnd(t.expect(() -> {
                    // Close once the response is out: close() right after end() cut it off (see the report).
                    res.onFinish(() -> server[0].close());
                    res.end(Json.stringify(values));
                }));
            }));
            server[0].listen(0, "127.0.0.1").onSuccess(s -> {
                HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + s.address().port() + "/values")).timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.fromPublisher(new GatedBody(firstValueSeen))).build();
                response.set(CLIENT.sendAsync(post, HttpResponse.BodyHandlers.ofString()));
            });
        });
        HttpResponse<String> r = response.get().get(10, SECONDS);
        assertEquals(200, r.statusCode());
        assertEquals(EXPECTED, Json.parse(r.body()));
    }

    @Test
    void aPausedReaderHoldsAtMostTheHighWaterMarkOfValuesAndStopsTheWriter() {
        List<Object> values = new ArrayList<>();
        String element = "[" + "7,".repeat(300) + "7],"; // about 600 bytes, one value
        LoopTester.run(t -> {
            Transform<Buffer, Object> stream = Json.createParseStream(JsonStreamMode.ARRAY_ELEMENTS);
            stream.write(Buffer.from("["));
            boolean accepted = true;
            for (int i = 0; i < 100; i++) {
                accepted = stream.write(Buffer.from(element));
            }
            stream.end(Buffer.from("[]]"));
            // Nobody reads: the output stops at 16 values, the input waits unparsed and the writer is told to wait.
            assertEquals(16, stream.readableLength());
            assertFalse(accepted);
            assertTrue(stream.writableNeedDrain());
            stream.on("data", (Object v) -> values.add(v));
            stream.onEnd(t.expect(() -> { }));
        });
        assertEquals(101, values.size());
        assertEquals(301, ((List<?>) values.get(99)).size());
        assertEquals(List.of(), values.get(100));
    }

    @Test
    void aDocumentStreamEmitsOneValueAtTheEndAndTruncationIsAnError() {
        List<Object> values = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        LoopTester.run(t -> {
            Transform<Buffer, Object> whole = Json.createParseStream(JsonStreamMode.DOCUMENT, ParseOptions.lenient());
            whole.on("data", (Object v) -> values.add(v));
            whole.write(Buffer.from("{\"a\": [1, 2,], // lenient\n"));
            whole.end(Buffer.from("\"b\": null}"));
            Transform<Buffer, Object> cut = Json.createParseStream(JsonStreamMode.DOCUMENT);
            cut.on("data", (Object v) -> values.add(v));
            cut.on("error", t.expect((Throwable e) -> errors.add(e)));
            cut.end(Buffer.from("{\"a\":\n [1"));
        });
        assertEquals(1, values.size());
        Map<?, ?> doc = (Map<?, ?>) values.get(0);
        assertEquals(List.of(1L, 2L), doc.get("a"));
        // Only a top-level null becomes Json.NULL; inside a value it stays a plain null.
        assertTrue(doc.containsKey("b") && doc.get("b") == null, doc::toString);
        assertEquals(1, errors.size());
        assertEquals(2, ((JsonException) errors.get(0)).line(), errors.get(0)::getMessage);
    }

    @Test
    void parseTakesABufferAndStringifyWritesNullForTheStreamsNull() {
        assertEquals(Map.of("a", List.of(1L)), Json.parse(Buffer.from("{\"a\":[1]}")));
        assertNull(Json.parse(Buffer.from(" null ")));
        assertEquals(List.of("x"), Json.parse(Buffer.from("['x',]"), ParseOptions.lenient()));
        assertEquals("[null,1]", Json.stringify(Arrays.asList(Json.NULL, 1)));
    }

    // ---- the peers -----------------------------------------------------------------------------------------

    /**
     * A chunked request body: the first value, then, once the server has parsed it, the rest in 7-byte chunks, each
     * handed to the JDK client as the client asks for it, from a thread of its own.
     */
    private static final class GatedBody implements Flow.Publisher<ByteBuffer> {
        private final CountDownLatch firstValueSeen;

        GatedBody(CountDownLatch firstValueSeen) {
            this.firstValueSeen = firstValueSeen;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            Semaphore demand = new Semaphore(0);
            AtomicBoolean cancelled = new AtomicBoolean();
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    demand.release((int) Math.min(n, 1 << 20));
                }

                @Override
                public void cancel() {
                    cancelled.set(true);
                }
            });
            Thread feeder = new Thread(() -> {
                try {
                    List<byte[]> chunks = new ArrayList<>();
                    byte[] rest = REST.getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < rest.length; i += 7) {
                        chunks.add(Arrays.copyOfRange(rest, i, Math.min(rest.length, i + 7)));
                    }
                    send(subscriber, demand, FIRST.getBytes(StandardCharsets.UTF_8));
                    if (!firstValueSeen.await(10, SECONDS)) {
                        throw new IOException("the server never emitted the first value");
                    }
                    for (byte[] chunk : chunks) {
                        if (cancelled.get()) {
                            return;
                        }
                        send(subscriber, demand, chunk);
                    }
                    subscriber.onComplete();
                } catch (Exception e) {
                    subscriber.onError(e);
                }
            }, "ndjson-body");
            feeder.setDaemon(true);
            feeder.start();
        }

        private static void send(Flow.Subscriber<? super ByteBuffer> subscriber, Semaphore demand, byte[] chunk)
                throws InterruptedException, IOException {
            if (!demand.tryAcquire(10, SECONDS)) {
                throw new IOException("the client asked for no more body");
            }
            subscriber.onNext(ByteBuffer.wrap(chunk));
        }
    }

    private interface Dialogue {
        String talk(Socket socket) throws IOException;
    }

    private static CompletableFuture<String> runClient(int port, Dialogue dialogue) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                s.setSoTimeout(10_000);
                s.setTcpNoDelay(true);
                result.complete(dialogue.talk(s));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "ndjson-client");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** Writes {@code text} in pieces of {@code size} bytes, splitting values, strings and UTF-8 sequences. */
    private static void sendInPieces(Socket s, String text, int size) throws IOException {
        OutputStream out = s.getOutputStream();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += size) {
            out.write(bytes, i, Math.min(size, bytes.length - i));
            out.flush();
        }
    }

    private static String readExactly(Socket s, int length) throws IOException {
        return new String(s.getInputStream().readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String readToEnd(Socket s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.getInputStream().transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
