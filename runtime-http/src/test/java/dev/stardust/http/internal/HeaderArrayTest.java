package dev.stardust.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The response's field list answers as Netty's headers do, and encodes in the order the fields were set. */
class HeaderArrayTest {
    @Test
    void namesMatchWhateverTheirCaseAndKeepTheirSpellingOnTheWire() {
        HttpHeaders h = new HeaderArray();
        h.set("Content-Type", "text/plain");
        h.add(AsciiString.cached("X-Two"), "a");
        h.add("x-two", "b");
        assertEquals("text/plain", h.get("content-type"));
        assertEquals(List.of("a", "b"), h.getAll("X-TWO"));
        assertTrue(h.contains(HttpHeaderNames.CONTENT_TYPE));
        assertEquals(3, h.size());
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Two: a\r\nx-two: b\r\ncontent-length: 0\r\n\r\n",
                encode(h.setInt(HttpHeaderNames.CONTENT_LENGTH, 0)));
    }

    @Test
    void setReplacesEveryFieldOfTheNameAndRemoveTakesThemAll() {
        HttpHeaders h = new HeaderArray();
        h.add("Vary", "a").add("Date", "d").add("vary", "b");
        h.set("VARY", List.of("c", "e"));
        assertEquals(List.of("c", "e"), h.getAll("vary"));
        assertEquals("d", h.get("date"));
        h.remove("Vary");
        assertFalse(h.contains("vary"));
        assertEquals(1, h.size());
        h.clear();
        assertTrue(h.isEmpty());
        assertNull(h.get("date"));
    }

    @Test
    void containsValueLooksAtEachCommaSeparatedValueAsNettysEncoderExpects() {
        HttpHeaders h = new HeaderArray();
        h.add("Transfer-Encoding", "gzip, Chunked");
        assertTrue(h.containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true));
        assertFalse(h.containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, false));
        assertFalse(h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true));
        assertEquals(12, new HeaderArray().add("Content-Length", "12").getInt(HttpHeaderNames.CONTENT_LENGTH));
    }

    @Test
    void growsPastItsFirstArray() {
        HttpHeaders h = new HeaderArray();
        for (int i = 0; i < 40; i++) {
            h.add("X-" + i, Integer.toString(i));
        }
        assertEquals(40, h.size());
        assertEquals("39", h.get("x-39"));
        assertEquals(40, h.names().size());
    }

    private static String encode(HttpHeaders headers) {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpResponseEncoder());
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.EMPTY_BUFFER, headers, new HeaderArray()));
        StringBuilder out = new StringBuilder();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            out.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        channel.finishAndReleaseAll();
        return out.toString();
    }
}
