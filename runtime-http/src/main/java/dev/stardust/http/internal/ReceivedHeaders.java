package dev.stardust.http.internal;

import dev.stardust.http.Headers;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Iterator;
import java.util.Map;

/**
 * Header fields as received (a request's or a response's head, or trailers), copied from Netty's decoded form into
 * the public {@link Headers}. Shared by the server and the client, so that a client never loads the server's classes.
 */
final class ReceivedHeaders {
    private ReceivedHeaders() {
    }

    /** The fields of {@code h} in order, names as received. */
    static Headers of(HttpHeaders h) {
        if (h.isEmpty()) {
            return Headers.EMPTY;
        }
        String[] array = new String[h.size() * 2];
        int i = 0;
        Iterator<Map.Entry<CharSequence, CharSequence>> it = h.iteratorCharSequence();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            array[i++] = e.getKey().toString();
            array[i++] = e.getValue().toString();
        }
        return Headers.of(array);
    }
}
