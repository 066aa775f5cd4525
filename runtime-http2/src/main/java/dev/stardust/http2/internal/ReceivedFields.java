package dev.stardust.http2.internal;

import dev.stardust.http.Headers;
import io.netty.handler.codec.http2.Http2Headers;
import java.util.Map;

/** Received HTTP/2 header blocks as the public {@link Headers}, pseudo-headers first, as node's {@code rawHeaders}. */
final class ReceivedFields {
    private ReceivedFields() {
    }

    static Headers of(Http2Headers headers) {
        String[] pairs = new String[headers.size() * 2];
        int i = 0;
        for (Map.Entry<CharSequence, CharSequence> e : headers) {
            pairs[i++] = e.getKey().toString();
            pairs[i++] = e.getValue().toString();
        }
        return Headers.of(pairs);
    }
}
