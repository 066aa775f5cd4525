package dev.stardust.http.internal;

import io.netty.util.AsciiString;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The header names and values responses carry most, as ready-made ASCII strings, spelled exactly as the user wrote
 * them (a lookup is case-sensitive, so what goes on the wire is unchanged). A known one needs no check, hashes from
 * its cached hash in the header table, and is copied to the wire as bytes rather than encoded character by character.
 */
final class KnownHeaders {
    private static final Map<String, AsciiString> NAMES = table("Content-Type", "Content-Length", "Content-Encoding",
            "Content-Disposition", "Content-Language", "Cache-Control", "Connection", "Date", "ETag", "Expires",
            "Last-Modified", "Location", "Server", "Set-Cookie", "Vary", "X-Powered-By", "Access-Control-Allow-Origin",
            "content-type", "content-length", "cache-control", "location", "server", "set-cookie", "etag", "vary");
    private static final Map<String, AsciiString> VALUES = table("text/plain", "text/plain; charset=utf-8",
            "text/plain; charset=UTF-8", "text/html", "text/html; charset=utf-8", "text/html; charset=UTF-8",
            "application/json", "application/json; charset=utf-8", "application/octet-stream", "text/css",
            "application/javascript", "text/javascript", "image/png", "image/svg+xml", "no-cache", "no-store",
            "max-age=0", "gzip", "deflate", "close", "keep-alive", "chunked", "*", "Accept-Encoding");

    private KnownHeaders() {
    }

    /** The ready-made form of header name {@code name}, or null when it is not a common one. */
    static @Nullable AsciiString name(String name) {
        return NAMES.get(name);
    }

    /** The ready-made form of header value {@code value}, or null when it is not a common one. */
    static @Nullable AsciiString value(String value) {
        return VALUES.get(value);
    }

    private static Map<String, AsciiString> table(String... texts) {
        Map<String, AsciiString> table = new HashMap<>();
        for (String text : texts) {
            table.put(text, AsciiString.cached(text));
        }
        return table;
    }
}
