package dev.stardust.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.StardustException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client's response decoder refuses what node's llhttp refuses, with llhttp's code (each expected code was read
 * off node 20 against a raw server sending that head), and accepts what it accepts; each head fed whole, one byte at a
 * time and in odd splits.
 */
class StrictResponseDecoderTest {
    private static final int[] SPLITS = {Integer.MAX_VALUE, 1, 2, 3, 7, 13};

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("HPE_INVALID_CONSTANT", "http/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("HPE_INVALID_CONSTANT", "HELLO\r\n\r\n"),
                Arguments.of("HPE_INVALID_STATUS", "HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("HPE_INVALID_STATUS", "HTTP/1.1 20 OK\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("HPE_INVALID_STATUS", "HTTP/1.1 abc OK\r\n\r\n"),
                Arguments.of("HPE_INVALID_VERSION", "HTTP/9.9 200 OK\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("HPE_INVALID_HEADER_TOKEN",
                        "HTTP/1.1 200 OK\r\nX-No-Colon here\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("HPE_INVALID_HEADER_TOKEN", "HTTP/1.1 200 OK\r\nX-No-Colon\r\n\r\n"),
                Arguments.of("HPE_INVALID_HEADER_TOKEN", "HTTP/1.1 200 OK\r\nX-B\u0001d: v\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("HPE_INVALID_HEADER_TOKEN", "HTTP/1.1 200 OK\r\nX-A : v\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("HPE_INVALID_HEADER_TOKEN", "HTTP/1.1 200 OK\r\nX-A: a\u0000b\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("HPE_INVALID_HEADER_TOKEN", "HTTP/1.1 200 OK\r\nX-A: a\r\n b\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("HPE_INVALID_CONTENT_LENGTH", "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\na"),
                Arguments.of("HPE_INVALID_CONTENT_LENGTH", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"),
                Arguments.of("HPE_INVALID_CONTENT_LENGTH", "HTTP/1.1 200 OK\r\nContent-Length: 1 1\r\n\r\nab"),
                Arguments.of("HPE_INVALID_CONTENT_LENGTH", "HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n"),
                Arguments.of("HPE_UNEXPECTED_CONTENT_LENGTH",
                        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"),
                Arguments.of("HPE_INVALID_TRANSFER_ENCODING",
                        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("HPE_INVALID_TRANSFER_ENCODING",
                        "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\ncontent-length: 1\r\n\r\n0\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refused")
    void refusesWithLlhttpsCode(String code, String head) {
        for (int split : SPLITS) {
            List<Object> out = feed("GET", head, split);
            HttpResponse first = (HttpResponse) out.get(0);
            assertTrue(first.decoderResult().isFailure(), head + " split " + split);
            StardustException error = (StardustException) first.decoderResult().cause();
            assertEquals(code, error.code(), head + " split " + split);
            assertTrue(error.getMessage().contains("Parse Error: "), error.getMessage());
            assertEquals(1, out.size(), "nothing decoded after the fault, split " + split + ": " + out);
        }
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("GET", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 200, "hello"),
                Arguments.of("GET", "\r\nHTTP/1.1 200\r\nContent-Length:  5 \r\n\r\nhello", 200, "hello"),
                Arguments.of("GET", "HTTP/1.0 404 Not Found\r\ncontent-LENGTH: 0\r\nX-Empty:\r\n\r\n", 404, ""),
                Arguments.of("GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Content-Length: x\r\n\r\n"
                        + "3\r\nabc\r\n0\r\n\r\n", 200, "abc"),
                Arguments.of("HEAD", "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n", 200, ""),
                Arguments.of("GET", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok",
                        201, "ok"),
                Arguments.of("GET", "HTTP/1.1 204 No Content\r\n\r\n", 204, ""));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("accepted")
    void acceptsWhatNodeAccepts(String method, String head, int status, String body) {
        for (int split : SPLITS) {
            // Twice on one connection: the second response is checked from its first byte again.
            List<Object> out = feed(method, head + head.replaceFirst("^\r\n", ""), split);
            List<Integer> statuses = new ArrayList<>();
            StringBuilder bodies = new StringBuilder();
            for (Object o : out) {
                if (o instanceof HttpResponse r) {
                    assertTrue(r.decoderResult().isSuccess(), head + " split " + split + ": " + r.decoderResult());
                    statuses.add(r.status().code());
                }
                if (o instanceof HttpContent c) {
                    bodies.append(c.content().toString(StandardCharsets.ISO_8859_1));
                }
            }
            assertEquals(status, statuses.get(statuses.size() - 1), head);
            assertEquals(body + body, bodies.toString(), head + " split " + split);
            assertTrue(out.get(out.size() - 1) instanceof LastHttpContent, out.toString());
        }
    }

    private static List<Object> feed(String method, String text, int split) {
        StrictResponseDecoder decoder = new StrictResponseDecoder(new HttpDecoderConfig()
                .setAllowDuplicateContentLengths(false).setStrictLineParsing(true).setUseRfc9112TransferEncoding(true));
        decoder.answering(method);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i += split) {
            int n = Math.min(split, bytes.length - i);
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, i, n));
        }
        List<Object> out = new ArrayList<>();
        Object o;
        while ((o = channel.readInbound()) != null) {
            out.add(o);
        }
        channel.finishAndReleaseAll();
        List<Object> copies = new ArrayList<>();
        for (Object msg : out) {
            // Keep what the assertions read, release the buffers.
            if (msg instanceof HttpContent c) {
                copies.add(c.replace(Unpooled.copiedBuffer(c.content())));
                ReferenceCountUtil.release(msg);
            } else {
                copies.add(msg);
            }
        }
        return copies;
    }
}
