package dev.stardust.http.internal;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.zlib.ZlibOptions;
import dev.stardust.zlib.internal.Codec;
import dev.stardust.zlib.internal.Decompressor;
import dev.stardust.zlib.internal.Format;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** The client's transparent decoding of {@code gzip} and {@code deflate} response bodies, capped against bombs. */
final class BodyDecoding {
    private BodyDecoding() {
    }

    /**
     * A decoder for a response with {@code headers}, or null when decoding is off ({@code limit} 0), the request was
     * a HEAD, or the encoding is not gzip or deflate. Removes the encoding and length headers it takes over.
     */
    static @Nullable Codec decoderFor(HttpHeaders headers, long limit, String method) {
        String encoding = headers.get(HttpHeaderNames.CONTENT_ENCODING);
        if (limit <= 0 || encoding == null || "HEAD".equals(method)) {
            return null;
        }
        Format format = switch (encoding.trim().toLowerCase(Locale.ROOT)) {
            case "gzip", "x-gzip" -> Format.GZIP;
            case "deflate" -> Format.AUTO;
            default -> null;
        };
        if (format == null) {
            return null;
        }
        headers.remove(HttpHeaderNames.CONTENT_ENCODING);
        headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        return new BodyDecoder(new Decompressor(format, ZlibOptions.defaults().withMaxOutputLength(limit)));
    }

    /** Feeds {@code chunk}; false (after calling {@code failed}) when the body is corrupt or too large. */
    static boolean feed(Codec d, Buffer chunk, Consumer<Buffer> out, Consumer<StardustException> failed) {
        try {
            d.update(chunk, out);
            return true;
        } catch (StardustException e) {
            failed.accept(e);
            return false;
        }
    }

    /** Ends the body; an empty body (204, 304) is fine, a truncated one fails with {@code Z_BUF_ERROR}. */
    static boolean finish(Codec d, Consumer<Buffer> out, Consumer<StardustException> failed) {
        try {
            if (((BodyDecoder) d).anyInput) {
                d.finish(out);
            } else {
                d.close();
            }
            return true;
        } catch (StardustException e) {
            failed.accept(e);
            return false;
        }
    }

    /** The decoder of one response body: the codec, remembering whether any byte was fed (an empty body is fine). */
    private static final class BodyDecoder implements Codec {
        private final Codec codec;
        boolean anyInput;

        BodyDecoder(Codec codec) {
            this.codec = codec;
        }

        @Override
        public void update(Buffer input, Consumer<Buffer> out) {
            anyInput |= !input.isEmpty();
            codec.update(input, out);
        }

        @Override
        public void finish(Consumer<Buffer> out) {
            codec.finish(out);
        }

        @Override
        public void close() {
            codec.close();
        }
    }
}
