package dev.stardust.http2.internal;

import dev.stardust.StardustException;
import dev.stardust.http.internal.HeaderChecks;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The header fields a user sets on an HTTP/2 message, checked as HTTP/1.1's are (a bad name or value throws and
 * nothing is sent) and kept by lower-cased name, as HTTP/2 sends them. The fields that belong to an HTTP/1.1
 * connection ({@code Connection}, {@code Keep-Alive}, {@code Transfer-Encoding}, ...) are dropped on the way out, as
 * RFC 9113 section 8.2.2 requires, so a handler written for HTTP/1.1 works unchanged.
 */
final class OutgoingFields {
    private static final Set<String> CONNECTION_SPECIFIC = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade", "host");
    private static volatile DateStamp date = new DateStamp(-1, AsciiString.EMPTY_STRING);

    private final Map<String, List<String>> fields = new LinkedHashMap<>();

    void set(String name, String value) {
        String key = HeaderChecks.name(name).toLowerCase(Locale.ROOT);
        fields.put(key, List.of(HeaderChecks.value(name, value)));
    }

    void set(String name, List<String> values) {
        String key = HeaderChecks.name(name).toLowerCase(Locale.ROOT);
        List<String> checked = new ArrayList<>(values.size());
        for (String v : values) {
            checked.add(HeaderChecks.value(name, v));
        }
        fields.put(key, List.copyOf(checked));
    }

    /** Sets each entry; values may be strings, numbers or lists of them (node's {@code writeHead} headers). */
    void setAll(Map<String, ?> more) {
        for (Map.Entry<String, ?> e : more.entrySet()) {
            Object v = e.getValue();
            if (v instanceof List<?> list) {
                List<String> values = new ArrayList<>(list.size());
                for (Object item : list) {
                    values.add(String.valueOf(item));
                }
                set(e.getKey(), values);
            } else if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                set(e.getKey(), String.valueOf(v));
            } else {
                throw new StardustException("ERR_HTTP_INVALID_HEADER_VALUE",
                        "Invalid value \"" + v + "\" for header \"" + e.getKey() + "\"");
            }
        }
    }

    Optional<String> get(String name) {
        List<String> values = fields.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    boolean has(String name) {
        return fields.containsKey(name.toLowerCase(Locale.ROOT));
    }

    void remove(String name) {
        fields.remove(name.toLowerCase(Locale.ROOT));
    }

    void clear() {
        fields.clear();
    }

    /** The fields as HTTP/2 headers after {@code pseudo} (e.g. {@code :status}), without connection-specific ones. */
    Http2Headers toHeaders(Http2Headers into) {
        for (Map.Entry<String, List<String>> e : fields.entrySet()) {
            String name = e.getKey();
            if (CONNECTION_SPECIFIC.contains(name) || (name.equals("te") && !isTrailers(e.getValue()))) {
                continue;
            }
            AsciiString key = new AsciiString(name);
            for (String v : e.getValue()) {
                into.add(key, v);
            }
        }
        return into;
    }

    private static boolean isTrailers(List<String> values) {
        return values.size() == 1 && values.get(0).equalsIgnoreCase("trailers");
    }

    /** An empty header block that checks nothing more: every field went through {@link HeaderChecks}. */
    static Http2Headers newHeaders() {
        return new DefaultHttp2Headers(false);
    }

    /** The {@code Date} value now, as IMF-fixdate, formatted at most once per second. */
    static AsciiString now() {
        long second = System.currentTimeMillis() / 1000;
        DateStamp d = date;
        if (d.second != second) {
            d = new DateStamp(second, AsciiString.cached(DateFormatter.format(new Date(second * 1000))));
            date = d;
        }
        return d.value;
    }

    private record DateStamp(long second, AsciiString value) {
    }
}
