package dev.stardust.http.internal;

import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import java.util.Locale;

/**
 * Netty's response compressor (gzip or deflate, as the request's {@code Accept-Encoding} prefers), limited to
 * bodies worth it: a textual content type, no encoding already, and a length, when known, of at least the minimum;
 * never a part of a file (206).
 */
final class ResponseCompressor extends HttpContentCompressor {
    private final int minSize;

    ResponseCompressor(int minSize) {
        super(0, StandardCompressionOptions.gzip(), StandardCompressionOptions.deflate());
        this.minSize = minSize;
    }

    @Override
    protected Result beginEncode(HttpResponse response, String acceptEncoding) throws Exception {
        if (response.status().code() == 206) {
            // A Content-Range counts the file's bytes: a coded body would not match it.
            return null;
        }
        String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (type == null || !textual(type.toLowerCase(Locale.ROOT))) {
            return null;
        }
        long length = HttpUtil.getContentLength(response, -1L);
        if (length >= 0 && length < minSize) {
            return null;
        }
        return super.beginEncode(response, acceptEncoding);
    }

    private static boolean textual(String type) {
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("javascript") || type.startsWith("image/svg");
    }
}
