package dev.stardust.http.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code sendFile} decides from a file's size, time and name and the request's headers, as node's {@code send}
 * package does: the {@code Content-Type} from a small table of extensions, a weak {@code ETag} of size and time,
 * whether {@code If-None-Match} or {@code If-Modified-Since} make the answer a 304 (RFC 9110 §13.1: the first wins
 * when both are sent), and which bytes a single {@code Range} asks for. Several ranges are answered with the whole
 * file, which RFC 9110 §14.2 allows.
 */
final class StaticFile {
    /** {@link #range}'s answer when no satisfiable range was asked: a 416. */
    static final long[] UNSATISFIABLE = new long[0];

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("md", "text/markdown; charset=utf-8"),
            Map.entry("csv", "text/csv; charset=utf-8"), Map.entry("xml", "application/xml"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"), Map.entry("avif", "image/avif"), Map.entry("pdf", "application/pdf"),
            Map.entry("wasm", "application/wasm"), Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"), Map.entry("tar", "application/x-tar"),
            Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"),
            Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"), Map.entry("mp3", "audio/mpeg"),
            Map.entry("ogg", "audio/ogg"), Map.entry("wav", "audio/wav"));

    private StaticFile() {
    }

    /** The media type for {@code name}'s extension; {@code application/octet-stream} when unknown. */
    static String contentType(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        int dot = name.lastIndexOf('.');
        if (dot <= slash + 1) {
            return "application/octet-stream";
        }
        return TYPES.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
    }

    /** A weak validator of the file's size and modification time, as node's {@code etag} for files. */
    static String etag(long size, long modifiedMillis) {
        return "W/\"" + Long.toHexString(size) + "-" + Long.toHexString(modifiedMillis) + "\"";
    }

    /** {@code Last-Modified}'s IMF-fixdate for {@code modifiedMillis}. */
    static String httpDate(long modifiedMillis) {
        return DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
                .format(Instant.ofEpochMilli(modifiedMillis).atZone(ZoneOffset.UTC));
    }

    /** Whether the client's copy is current: a 304 instead of the body. */
    static boolean notModified(@Nullable String ifNoneMatch, @Nullable String ifModifiedSince, String etag,
            long modifiedMillis) {
        if (ifNoneMatch != null) {
            String opaque = etag.substring(2);
            for (String candidate : ifNoneMatch.split(",")) {
                String c = candidate.trim();
                if (c.equals("*") || c.equals(etag) || c.equals(opaque) || c.startsWith("W/") && c.substring(2)
                        .equals(opaque)) {
                    return true;
                }
            }
            return false;
        }
        if (ifModifiedSince != null) {
            try {
                long since = ZonedDateTime.parse(ifModifiedSince.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant().toEpochMilli();
                return modifiedMillis / 1000 <= since / 1000;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * The bytes {@code range} asks of a file of {@code size}: null for the whole file (no header, a unit other than
     * bytes, several ranges, or a malformed one, which RFC 9110 says to ignore), {@link #UNSATISFIABLE}, or
     * {@code {first, last}} inclusive.
     */
    static long @Nullable [] range(@Nullable String range, long size) {
        if (range == null) {
            return null;
        }
        String r = range.trim();
        if (!r.regionMatches(true, 0, "bytes=", 0, 6) || r.indexOf(',') >= 0) {
            return null;
        }
        String spec = r.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) {
                    return UNSATISFIABLE;
                }
                return new long[] {Math.max(0, size - suffix), size - 1};
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
            if (first < 0 || last < first) {
                return null;
            }
            if (first >= size) {
                return UNSATISFIABLE;
            }
            return new long[] {first, Math.min(last, size - 1)};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
