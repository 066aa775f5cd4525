package dev.stardust.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.http.internal.RequestParts.Reject;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server's refusals carry node's llhttp codes (each read off node 20's {@code clientError} for the same bytes):
 * the request decoder and {@link RequestChecks} together, fed whole, one byte at a time and in odd splits.
 */
class RequestCodesTest {
    private static final int[] SPLITS = {Integer.MAX_VALUE, 1, 2, 5, 11};

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(400, "HPE_INVALID_TRANSFER_ENCODING",
                        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"),
                Arguments.of(400, "HPE_UNEXPECTED_CONTENT_LENGTH",
                        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n"),
                Arguments.of(400, "HPE_INVALID_CONTENT_LENGTH", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1x\r\n\r\n"),
                Arguments.of(400, "HPE_INVALID_CONTENT_LENGTH", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n"),
                Arguments.of(400, "HPE_INVALID_TRANSFER_ENCODING",
                        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"),
                Arguments.of(400, "HPE_INVALID_HEADER_TOKEN",
                        "GET / HTTP/1.1\r\nHost: h\r\nX-Folded: a\r\n b\r\n\r\n"),
                Arguments.of(400, "HPE_INVALID_METHOD", "HELLO\r\n\r\n"),
                Arguments.of(400, "HPE_INVALID_VERSION", "GET / HTTP/9.9\r\nHost: h\r\n\r\n"),
                Arguments.of(431, "HPE_HEADER_OVERFLOW", "GET / HTTP/1.1\r\nHost: h\r\n" + "X-Many: 1\r\n".repeat(30)
                        + "\r\n"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("cases")
    void refusalsCarryLlhttpsCode(int status, String code, String request) {
        for (int split : SPLITS) {
            StrictRequestDecoder decoder = new StrictRequestDecoder(new HttpDecoderConfig()
                    .setAllowDuplicateContentLengths(false).setStrictLineParsing(true)
                    .setUseRfc9112TransferEncoding(true).setHeadersFactory(DefaultHttpHeadersFactory.headersFactory()),
                    () -> false, () -> false);
            EmbeddedChannel channel = new EmbeddedChannel(decoder);
            byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < bytes.length; i += split) {
                channel.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(split, bytes.length - i)));
            }
            Object first = channel.readInbound();
            assertTrue(first instanceof HttpRequest, request + " split " + split + ": " + first);
            Object verdict = RequestParts.head((HttpRequest) first, 20);
            ReferenceCountUtil.release(first);
            channel.finishAndReleaseAll();
            assertTrue(verdict instanceof Reject, request + " split " + split);
            Reject reject = (Reject) verdict;
            assertEquals(status, reject.status(), request);
            assertEquals(code, reject.code(), request + " split " + split + ": " + reject.reason());
        }
    }
}
