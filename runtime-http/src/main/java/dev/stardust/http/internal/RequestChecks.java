package dev.stardust.http.internal;

import dev.stardust.StardustException;
import dev.stardust.http.internal.RequestParts.Reject;
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
import org.jspecify.annotations.Nullable;

/**
 * The strictness Netty's decoder leaves to us, so that requests node's llhttp refuses are refused here too, with
 * llhttp's code: an unknown version ({@code HPE_INVALID_VERSION}), a missing or repeated Host on 1.1, Content-Length
 * beside Transfer-Encoding or a final coding other than chunked ({@code HPE_INVALID_TRANSFER_ENCODING}), a repeated
 * ({@code HPE_UNEXPECTED_CONTENT_LENGTH}) or malformed ({@code HPE_INVALID_CONTENT_LENGTH}) Content-Length, too many
 * header fields ({@code HPE_HEADER_OVERFLOW}). Each refusal is a shared constant: a good request allocates nothing.
 */
final class RequestChecks {
    static final Reject BAD_VERSION = new Reject(400, "HPE_INVALID_VERSION", "Invalid HTTP version");
    static final Reject TOO_MANY_FIELDS = new Reject(431, "HPE_HEADER_OVERFLOW", "Header overflow");
    static final Reject BAD_HOST = new Reject(400, "HPE_INVALID_HEADER_TOKEN", "Missing or repeated Host");
    static final Reject LENGTH_WITH_CODING = new Reject(400, "HPE_INVALID_TRANSFER_ENCODING",
            "Transfer-Encoding can't be present with Content-Length");
    static final Reject BAD_CODING = new Reject(400, "HPE_INVALID_TRANSFER_ENCODING",
            "Invalid `Transfer-Encoding` header value");
    static final Reject REPEATED_LENGTH = new Reject(400, "HPE_UNEXPECTED_CONTENT_LENGTH", "Duplicate Content-Length");
    static final Reject BAD_LENGTH = new Reject(400, "HPE_INVALID_CONTENT_LENGTH",
            "Invalid character in Content-Length");

    private RequestChecks() {
    }

    /**
     * The refusal of a message Netty's decoder failed on: 414 or 431 for its limits ({@code HPE_HEADER_OVERFLOW}),
     * the code of a {@link StrictRequestDecoder} fault, else 400 with {@code HPE_INVALID_CONSTANT}, or
     * {@code HPE_INVALID_HEADER_TOKEN} when Netty named a header as the fault.
     */
    static Reject forDecoderFailure(Throwable cause, boolean headReceived) {
        if (cause instanceof TooLongHttpLineException && !headReceived) {
            return new Reject(414, "HPE_HEADER_OVERFLOW", "Request line too long");
        }
        if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException && !headReceived) {
            return new Reject(431, "HPE_HEADER_OVERFLOW", "Header overflow");
        }
        if (cause instanceof StardustException strict) {
            return new Reject(400, strict.code(), String.valueOf(strict.getMessage()));
        }
        String text = String.valueOf(cause.getMessage());
        return new Reject(400, NettyFaults.code(text), text);
    }

    /** The refusal of {@code request}, or null for a good one. */
    static @Nullable Reject check(HttpRequest request, int maxHeadersCount) {
        HttpVersion version = request.protocolVersion();
        if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
            return BAD_VERSION;
        }
        HttpHeaders headers = request.headers();
        if (headers.size() > maxHeadersCount) {
            return TOO_MANY_FIELDS;
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
            return BAD_HOST;
        }
        if (lastCoding != null) {
            if (lengths > 0) {
                return LENGTH_WITH_CODING;
            }
            String last = lastCoding.toString();
            int comma = last.lastIndexOf(',');
            String finalCoding = (comma < 0 ? last : last.substring(comma + 1)).trim().toLowerCase(Locale.ROOT);
            if (!finalCoding.equals("chunked")) {
                return BAD_CODING;
            }
        }
        if (lengths > 1) {
            return REPEATED_LENGTH;
        }
        if (length != null) {
            if (length.length() == 0 || length.length() > 18) {
                return BAD_LENGTH;
            }
            for (int i = 0; i < length.length(); i++) {
                if (length.charAt(i) < '0' || length.charAt(i) > '9') {
                    return BAD_LENGTH;
                }
            }
        }
        return null;
    }
}
