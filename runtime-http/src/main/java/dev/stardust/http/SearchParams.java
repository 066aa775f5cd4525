package dev.stardust.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The name-value pairs of a query string, parsed as node's {@code URLSearchParams} does (the WHATWG
 * {@code application/x-www-form-urlencoded} rules): pairs split on {@code &}, a pair without {@code =} has an empty
 * value, {@code +} is a space, percent escapes are decoded as UTF-8 (a malformed escape stays as written, malformed
 * UTF-8 becomes U+FFFD), and repeated names keep every value in order. Immutable.
 */
public final class SearchParams {
    private static final SearchParams EMPTY = new SearchParams(List.of());

    private final List<Map.Entry<String, String>> entries;

    private SearchParams(List<Map.Entry<String, String>> entries) {
        this.entries = entries;
    }

    /** Parses {@code query}, with or without its leading {@code ?} (node's {@code new URLSearchParams(query)}). */
    public static SearchParams parse(String query) {
        String q = query.startsWith("?") ? query.substring(1) : query;
        if (q.isEmpty()) {
            return EMPTY;
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        int start = 0;
        while (start <= q.length()) {
            int end = q.indexOf('&', start);
            if (end < 0) {
                end = q.length();
            }
            if (end > start) {
                int eq = q.indexOf('=', start);
                boolean hasValue = eq >= 0 && eq < end;
                String name = decode(q, start, hasValue ? eq : end);
                String value = hasValue ? decode(q, eq + 1, end) : "";
                entries.add(Map.entry(name, value));
            }
            start = end + 1;
        }
        return new SearchParams(Collections.unmodifiableList(entries));
    }

    /** The first value of {@code name} (node's {@code params.get(name)}, which gives null where this is empty). */
    public Optional<String> get(String name) {
        for (Map.Entry<String, String> e : entries) {
            if (e.getKey().equals(name)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** Every value of {@code name}, in order (node's {@code params.getAll(name)}). */
    public List<String> getAll(String name) {
        List<String> values = new ArrayList<>(1);
        for (Map.Entry<String, String> e : entries) {
            if (e.getKey().equals(name)) {
                values.add(e.getValue());
            }
        }
        return values;
    }

    /** Whether {@code name} occurs (node's {@code params.has(name)}). */
    public boolean has(String name) {
        return get(name).isPresent();
    }

    /** The distinct names, in order of first occurrence. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, String> e : entries) {
            names.add(e.getKey());
        }
        return names;
    }

    /** Every pair, in order, repeated names included (node's {@code params.entries()}). */
    public List<Map.Entry<String, String>> entries() {
        return entries;
    }

    /** The number of pairs (node's {@code params.size}). */
    public int size() {
        return entries.size();
    }

    /** The pairs serialised as node's {@code params.toString()} does: {@code a=1&b=x+y}, without a leading {@code ?}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : entries) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            encode(e.getKey(), sb);
            sb.append('=');
            encode(e.getValue(), sb);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SearchParams p && p.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    private static String decode(String s, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to && plain; i++) {
            char c = s.charAt(i);
            plain = c != '%' && c != '+';
        }
        if (plain) {
            return s.substring(from, to);
        }
        // Percent escapes are bytes; the text around them is UTF-8 too, so decode the whole as bytes.
        byte[] raw = s.substring(from, to).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
                bytes.write(hex(raw[i + 1]) << 4 | hex(raw[i + 2]));
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    private static void encode(String s, StringBuilder sb) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '*' || c == '-'
                    || c == '.' || c == '_') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
    }
}
