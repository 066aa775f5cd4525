package dev.stardust.http;

import static dev.stardust.http.RandomFields.TOKEN;
import static dev.stardust.http.RandomFields.pick;
import static dev.stardust.http.RandomFields.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stardust.StardustException;
import dev.stardust.testing.LeakCheckExtension;
import dev.stardust.testing.LoopTester;
import dev.stardust.testing.Mutations;
import dev.stardust.testing.Splits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Properties of the server's request decoding (issue 20), through a real server on an ephemeral port fed over a real
 * socket: each piece written and flushed, then the write side shut, then everything the server sent read until it
 * closes (TCP may coalesce pieces, which is the point: the answer must not depend on how the bytes arrive). The
 * handler echoes what it decoded: method, target, version, raw headers, body and trailers. A generated request
 * (Content-Length, chunked with extensions and trailers, or no body) is echoed exactly as generated whatever the
 * split; a mutated one gets the same bytes back for every split (the same echo or the same 4xx), and nothing but a
 * {@link StardustException} reaches a request's error listener or the loop's uncaught handler.
 */
class RequestDecodingProperties {
    static {
        LeakCheckExtension.install();
    }

    private static HttpTestServer server;
    private static final List<Throwable> FOREIGN = new CopyOnWriteArrayList<>();

    @BeforeContainer
    static void start() {
        server = HttpTestServer.start(LoopTester.transports().findFirst().orElseThrow(),
                HttpServerOptions.defaults().withMaxHeadersCount(20), RequestDecodingProperties::echo);
    }

    @AfterContainer
    static void stop() {
        server.close();
        assertEquals(List.of(), LeakCheckExtension.collectLeaks(), "Netty buffers leaked");
    }

    @BeforeTry
    void clean() {
        FOREIGN.clear();
    }

    private static void echo(IncomingMessage req, ServerResponse res) {
        StringBuilder d = new StringBuilder(req.method() + " " + req.url() + " HTTP/" + req.httpVersion() + "\n");
        List<String> raw = req.headers().raw();
        for (int i = 0; i < raw.size(); i += 2) {
            d.append(raw.get(i)).append(": ").append(raw.get(i + 1)).append('\n');
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        req.onData(b -> body.writeBytes(b.toByteArray()));
        req.onError(e -> {
            if (!(e instanceof StardustException)) {
                FOREIGN.add(e);
            }
        });
        req.onEnd(() -> {
            d.append("body ").append(HexFormat.of().formatHex(body.toByteArray())).append('\n');
            d.append("trailers ").append(req.trailers().raw()).append('\n');
            res.end(d.toString());
        });
    }

    /** A request as generated: its bytes and the echo it must get. */
    record Request(String text, String echo) {
        byte[] bytes() {
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return text.replace("\r", "\\r").replace("\n", "\\n");
        }
    }

    @Property(tries = 60)
    void aValidRequestIsDecodedAsGeneratedForEverySplit(@ForAll("requests") Request request,
            @ForAll @Size(max = 5) List<@IntRange(min = 0, max = 1 << 16) Integer> cuts) {
        String answer = Splits.assertSame(Splits.verdicts(request.bytes(), cuts, RequestDecodingProperties::exchange));
        assertEquals(request.echo(), bodyOf(answer), answer);
        assertEquals(List.of(), FOREIGN);
        assertEquals(List.of(), server.uncaught());
    }

    @Property(tries = 100)
    void aMutatedRequestGetsTheSameAnswerForEverySplit(@ForAll("requests") Request request, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 3) int mutations,
            @ForAll @Size(max = 5) List<@IntRange(min = 0, max = 1 << 16) Integer> cuts) {
        byte[] input = request.bytes();
        Random r = new Random(seed);
        for (int i = 0; i < mutations; i++) {
            input = Mutations.mutate(input, r);
        }
        String answer = Splits.assertSame(Splits.verdicts(input, cuts, RequestDecodingProperties::exchange));
        if (!answer.isEmpty() && !answer.startsWith("HTTP/1.1 200 ")) {
            assertEquals("4", answer.substring(9, 10), "a refusal is a 4xx: " + answer);
        }
        assertEquals(List.of(), FOREIGN);
        assertEquals(List.of(), server.uncaught());
    }

    /** Writes each piece and flushes, shuts the write side, and returns all the server sent, its Date left out. */
    private static String exchange(List<byte[]> pieces) {
        try (Socket s = server.socket()) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            try {
                for (byte[] p : pieces) {
                    out.write(p);
                    out.flush();
                }
                s.shutdownOutput();
            } catch (IOException closedEarly) {
                // The server may refuse and close before the last piece: what it sent is still read below.
            }
            return HttpTestServer.readAll(s.getInputStream()).replaceAll("(?m)^Date: [^\r]*\r\n", "");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String bodyOf(String response) {
        int at = response.indexOf("\r\n\r\n");
        return at < 0 ? "" : response.substring(at + 4);
    }

    // ---- generators ----

    @Provide
    Arbitrary<Request> requests() {
        return Arbitraries.longs().map(seed -> request(new Random(seed)));
    }

    private static final String PATH = "abcdefghijklmnopqrstuvwxyz0123456789-._~%/";

    static Request request(Random r) {
        String method = new String[] {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"}[r.nextInt(6)];
        boolean withBody = method.startsWith("P");
        String target = "/" + pick(r, PATH, r.nextInt(20)) + (r.nextBoolean() ? "?" + pick(r, PATH + "=&", 10) : "");
        String version = r.nextInt(5) == 0 ? "1.0" : "1.1";
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Host", "h"});
        for (int i = r.nextInt(6); i > 0; i--) {
            headers.add(new String[] {"X-" + pick(r, TOKEN, 1 + r.nextInt(10)), value(r)});
        }
        byte[] body = new byte[withBody ? r.nextInt(200) : 0];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) r.nextInt(256);
        }
        boolean chunked = withBody && version.equals("1.1") && r.nextBoolean();
        List<String[]> trailers = new ArrayList<>();
        StringBuilder wire = new StringBuilder();
        if (chunked) {
            headers.add(new String[] {"Transfer-Encoding", "chunked"});
        } else if (withBody) {
            headers.add(new String[] {"Content-Length", Integer.toString(body.length)});
        }
        StringBuilder text = new StringBuilder(method + " " + target + " HTTP/" + version + "\r\n");
        StringBuilder echo = new StringBuilder(method + " " + target + " HTTP/" + version + "\n");
        for (String[] h : headers) {
            text.append(h[0]).append(r.nextBoolean() ? ": " : ":").append(h[1]).append("\r\n");
            echo.append(h[0]).append(": ").append(h[1]).append('\n');
        }
        text.append("\r\n");
        if (chunked) {
            int at = 0;
            while (at < body.length) {
                int n = Math.min(body.length - at, 1 + r.nextInt(64));
                wire.append(Integer.toHexString(n)).append(r.nextInt(4) == 0 ? ";ext=1" : "").append("\r\n");
                wire.append(new String(body, at, n, StandardCharsets.ISO_8859_1)).append("\r\n");
                at += n;
            }
            wire.append("0\r\n");
            for (int i = r.nextInt(3); i > 0; i--) {
                String[] t = {"X-T" + pick(r, TOKEN, 1 + r.nextInt(5)), value(r)};
                trailers.add(t);
                wire.append(t[0]).append(": ").append(t[1]).append("\r\n");
            }
            wire.append("\r\n");
        } else {
            wire.append(new String(body, StandardCharsets.ISO_8859_1));
        }
        echo.append("body ").append(HexFormat.of().formatHex(body)).append('\n');
        List<String> rawTrailers = new ArrayList<>();
        trailers.forEach(t -> {
            rawTrailers.add(t[0]);
            rawTrailers.add(t[1]);
        });
        echo.append("trailers ").append(rawTrailers).append('\n');
        return new Request(text.append(wire).toString(), echo.toString());
    }
}
