package dev.stardust.http.internal;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The strictness Netty's decoder leaves to us, so that requests node's llhttp refuses are refused here too: an
 * unknown version, a missing or repeated Host on 1.1, Content-Length beside Transfer-Encoding, a final coding other
 * than chunked, too many header fields. Returns the status to answer with, 0 for a good request.
 */
final class RequestChecks {
    private RequestChecks() {
    }

    /** The status for a message Netty's decoder failed on: 414 or 431 for its limits, else 400. */
    static int statusForDecoderFailure(Throwable cause, boolean headReceived) {
        if (cause instanceof TooLongHttpLineException && !headReceived) {
            return 414;
        }
        if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException && !headReceived) {
            return 431;
        }
        return 400;
    }

    static int check(HttpRequest request, int maxHeadersCount) {
        HttpVersion version = request.protocolVersion();
        if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
            return 400;
        }
        HttpHeaders headers = request.headers();
        if (headers.size() > maxHeadersCount) {
            return 431;
        }
        // One pass over the fields instead of a lookup (and a list) per name: requests carry few of them.
        int hosts = 0;
        int lengths = 0;
        CharSequence length = null;
        CharSequence lastCoding = null;
        Iterator<Map.Entry<CharSequence, CharSequence>> fields = headers.iteratorCharSequence();
        while (fields.hasNext()) {
            Map.Entry<CharSequence, CharSequence> field = fields.next();
            CharSequence name = field.getKey();
            if (AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.HOST)) {
                hosts++;
            } else if (AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.CONTENT_LENGTH)) {
                lengths++;
                length = field.getValue();
            } else if (AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.TRANSFER_ENCODING)) {
                lastCoding = field.getValue();
            }
        }
        if (version == HttpVersion.HTTP_1_1 && hosts != 1) {
            return 400;
        }
        if (lastCoding != null) {
            if (lengths > 0) {
                return 400;
            }
            String last = lastCoding.toString();
            int comma = last.lastIndexOf(',');
            String finalCoding = (comma < 0 ? last : last.substring(comma + 1)).trim().toLowerCase(Locale.ROOT);
            if (!finalCoding.equals("chunked")) {
                return 400;
            }
        }
        if (lengths > 1) {
            return 400;
        }
        if (length != null) {
            if (length.length() == 0 || length.length() > 18) {
                return 400;
            }
            for (int i = 0; i < length.length(); i++) {
                if (length.charAt(i) < '0' || length.charAt(i) > '9') {
                    return 400;
                }
            }
        }
        return 0;
    }
}
