package dev.stardust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.testing.LoopTester;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests node's llhttp refuses get the same 4xx here, with {@code Connection: close}, the connection closed, and
 * the handler never called. Each is sent whole and one byte per write.
 */
class MalformedRequestTest {
    private static final String LONG = "a".repeat(9000);

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        add(cases, "Content-Length with Transfer-Encoding", 400,
                "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        add(cases, "duplicate Content-Length", 400,
                "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nab");
        add(cases, "Content-Length list", 400, "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1, 1\r\n\r\nab");
        add(cases, "malformed Content-Length", 400, "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1x\r\n\r\na");
        add(cases, "negative Content-Length", 400, "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n");
        add(cases, "final coding not chunked", 400,
                "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n");
        add(cases, "unknown coding alone", 400, "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n");
        add(cases, "control character in header name", 400, "GET / HTTP/1.1\r\nHost: h\r\nX-B\u0001d: v\r\n\r\n");
        add(cases, "NUL in header value", 400, "GET / HTTP/1.1\r\nHost: h\r\nX-Bad: a\u0000b\r\n\r\n");
        add(cases, "space before the colon", 400, "GET / HTTP/1.1\r\nHost : h\r\n\r\n");
        add(cases, "obs-fold", 400, "GET / HTTP/1.1\r\nHost: h\r\nX-Folded: a\r\n b\r\n\r\n");
        add(cases, "bare LF", 400, "GET / HTTP/1.1\nHost: h\n\n");
        add(cases, "bare CR", 400, "GET / HTTP/1.1\rHost: h\r\n\r\n");
        add(cases, "unknown HTTP version", 400, "GET / HTTP/9.9\r\nHost: h\r\n\r\n");
        add(cases, "not HTTP at all", 400, "HELLO THERE FRIEND\r\n\r\n");
        add(cases, "request line of one word", 400, "HELLO\r\n\r\n");
        add(cases, "HTTP/0.9 request line", 400, "GET /\r\n\r\n");
        add(cases, "whitespace before the first header", 400, "GET / HTTP/1.1\r\n Host: h\r\n\r\n");
        add(cases, "bad protocol name", 400, "GET / HTTX/1.1\r\nHost: h\r\n\r\n");
        add(cases, "missing Host on 1.1", 400, "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n");
        add(cases, "duplicate Host", 400, "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
        add(cases, "request line over 8 KiB", 414, "GET /" + LONG + " HTTP/1.1\r\nHost: h\r\n\r\n");
        add(cases, "header block over 16 KiB", 431,
                "GET / HTTP/1.1\r\nHost: h\r\nX-A: " + LONG + "\r\nX-B: " + LONG + "\r\n\r\n");
        add(cases, "more header fields than allowed", 431,
                "GET / HTTP/1.1\r\nHost: h\r\n" + "X-Many: 1\r\n".repeat(30) + "\r\n");
        add(cases, "malformed chunk size", 400,
                "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
        return cases.stream();
    }

    private static void add(List<Arguments> cases, String name, int status, String request) {
        for (String transport : LoopTester.transports().toList()) {
            cases.add(Arguments.of(name, status, request, false, transport));
            cases.add(Arguments.of(name, status, request, true, transport));
        }
    }

    @ParameterizedTest(name = "{0}, bytewise={3}, {4}")
    @MethodSource("cases")
    void isRefusedWithTheRightStatusAndClosed(String name, int status, String request, boolean bytewise,
            String transport) throws Exception {
        HttpServerOptions options = HttpServerOptions.defaults().withMaxHeadersCount(20);
        boolean bodyCase = name.equals("malformed chunk size");
        try (HttpTestServer f = HttpTestServer.start(transport, options, (req, res) -> {
            if (!bodyCase) {
                res.end("handler ran");
            }
        })) {
            String out = bytewise ? f.exchangeBytewise(request) : f.exchange(request);
            assertTrue(out.startsWith("HTTP/1.1 " + status + " "), name + ": " + out);
            assertTrue(out.contains("Connection: close\r\n"), out);
            assertTrue(!out.contains("handler ran"), out);
            // The malformed chunk comes after a valid head: the handler sees the request, then its abort.
            assertEquals(bodyCase ? 1 : 0, f.handlerCalls.get(), name);
            assertEquals(List.of(), f.uncaught(), name);
        }
    }
}
