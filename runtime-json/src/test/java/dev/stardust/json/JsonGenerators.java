package dev.stardust.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of JSON for the property tests: values (null, booleans, integers, decimals, strings over all of
 * Unicode, arrays, objects with distinct keys) written as text with generated whitespace and escapes, each with the
 * value {@link Json#parse} must give; and mutations of such text (bytes deleted, inserted, replaced, duplicated,
 * truncated) for the refusals.
 */
final class JsonGenerators {
    private JsonGenerators() {
    }

    /** A JSON text, its UTF-8 bytes, and the value it denotes as the parser gives it. */
    record JsonText(String text, Object value) {
        byte[] bytes() {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A JSON document: a value of up to three levels of nesting, written with generated layout. */
    static Arbitrary<JsonText> documents() {
        return Combinators.combine(value(3), Arbitraries.longs()).as((v, seed) -> {
            StringBuilder out = new StringBuilder();
            write(v, out, new Random(seed));
            return new JsonText(out.toString(), expected(v));
        });
    }

    /** {@code texts} with one to three mutations each. */
    static Arbitrary<byte[]> mutated(Arbitrary<byte[]> texts) {
        return Combinators.combine(texts, Arbitraries.longs(), Arbitraries.integers().between(1, 3))
                .as((bytes, seed, count) -> {
                    Random r = new Random(seed);
                    byte[] b = bytes;
                    for (int i = 0; i < count; i++) {
                        b = mutate(b, r);
                    }
                    return b;
                });
    }

    /** Bytes that matter to a JSON parser, plus UTF-8 lead, continuation and invalid bytes. */
    private static final byte[] INTERESTING = {'{', '}', '[', ']', ',', ':', '"', '\\', '/', '*', '0', '1', '-', '+',
        '.', 'e', 'E', 't', 'n', 'f', 'u', ' ', '\n', '\r', '\t', 0, 0x1f, 0x7f, (byte) 0x80, (byte) 0xbf, (byte) 0xc0,
        (byte) 0xc3, (byte) 0xe2, (byte) 0xed, (byte) 0xf0, (byte) 0xf4, (byte) 0xf8, (byte) 0xff};

    static byte[] mutate(byte[] b, Random r) {
        int at = b.length == 0 ? 0 : r.nextInt(b.length);
        byte any = r.nextBoolean() ? INTERESTING[r.nextInt(INTERESTING.length)] : (byte) r.nextInt(256);
        switch (r.nextInt(5)) {
            case 0: // delete
                if (b.length == 0) {
                    return b;
                }
                byte[] shorter = new byte[b.length - 1];
                System.arraycopy(b, 0, shorter, 0, at);
                System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                return shorter;
            case 1: // insert
                byte[] longer = new byte[b.length + 1];
                System.arraycopy(b, 0, longer, 0, at);
                longer[at] = any;
                System.arraycopy(b, at, longer, at + 1, b.length - at);
                return longer;
            case 2: // replace
                if (b.length == 0) {
                    return new byte[] {any};
                }
                byte[] replaced = b.clone();
                replaced[at] = any;
                return replaced;
            case 3: // duplicate a slice
                int len = Math.min(b.length - at, 1 + r.nextInt(8));
                byte[] dup = new byte[b.length + len];
                System.arraycopy(b, 0, dup, 0, at + len);
                System.arraycopy(b, at, dup, at + len, b.length - at);
                return dup;
            default: // truncate
                return Arrays.copyOf(b, at);
        }
    }

    /** JSON null in the generated tree, written as {@code null}, expected as Java {@code null}. */
    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "NULL";
        }
    };

    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> leaf = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(NULL)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(true, false).map(b -> (Object) b)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().map(l -> (Object) l)),
                net.jqwik.api.Tuple.of(2, decimals()),
                net.jqwik.api.Tuple.of(4, strings().map(s -> (Object) s)));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> arrays = Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(5).map(list -> {
            List<Object> out = new ArrayList<>();
            list.forEach(e -> out.add(e));
            return (Object) out;
        });
        Arbitrary<Object> objects = Arbitraries.maps(strings(), Arbitraries.lazy(() -> value(depth - 1))).ofMaxSize(5)
                .map(m -> (Object) new LinkedHashMap<>(m));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, leaf), net.jqwik.api.Tuple.of(1, arrays),
                net.jqwik.api.Tuple.of(1, objects));
    }

    /** Decimals of up to 15 significant digits (14 and a 5): each has one double, which the parser gives. */
    private static Arbitrary<Object> decimals() {
        return Combinators.combine(Arbitraries.longs().between(-99_999_999_999_999L, 99_999_999_999_999L),
                Arbitraries.integers().between(-20, 20), Arbitraries.of("e", "E", "e+", "E-", ".")).as((m, e, style) -> {
                    String digits = Long.toString(Math.abs(m));
                    String sign = m < 0 ? "-" : "";
                    String text;
                    if (style.equals(".")) {
                        int point = Math.max(1, digits.length() - Math.floorMod(e, digits.length() + 1));
                        text = sign + digits.substring(0, point) + "." + (point < digits.length()
                                ? digits.substring(point) : "0");
                    } else {
                        text = sign + digits + ".5" + style + (style.length() > 1 ? Math.abs(e) : e);
                    }
                    return (Object) new Decimal(text);
                });
    }

    /** A decimal's text; its value is the double nearest to it. */
    record Decimal(String text) {
    }

    private static Arbitrary<String> strings() {
        Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(0x20, 0x7e)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0x1f)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x80, 0xd7ff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xe000, 0x10ffff)));
        return codePoints.list().ofMaxSize(12).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    private static final String[] SPACES = {"", "", "", " ", "\n", "\t", "\r\n", "  "};

    private static void write(Object v, StringBuilder out, Random r) {
        out.append(SPACES[r.nextInt(SPACES.length)]);
        if (v == NULL) {
            out.append("null");
        } else if (v instanceof Decimal d) {
            out.append(d.text());
        } else if (v instanceof String s) {
            writeString(s, out, r);
        } else if (v instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i > 0 ? "," : "");
                write(list.get(i), out, r);
            }
            out.append(SPACES[r.nextInt(SPACES.length)]).append(']');
        } else if (v instanceof Map<?, ?> map) {
            out.append('{');
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(i++ > 0 ? "," : "").append(SPACES[r.nextInt(SPACES.length)]);
                writeString((String) e.getKey(), out, r);
                out.append(SPACES[r.nextInt(SPACES.length)]).append(':');
                write(e.getValue(), out, r);
            }
            out.append(SPACES[r.nextInt(SPACES.length)]).append('}');
        } else {
            out.append(v);
        }
        out.append(SPACES[r.nextInt(SPACES.length)]);
    }

    private static void writeString(String s, StringBuilder out, Random r) {
        boolean escapeAll = r.nextInt(4) == 0;
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append(r.nextBoolean() ? "\\\\" : "\\u005c");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '/' -> out.append(r.nextBoolean() ? "/" : "\\/");
                default -> {
                    if (c < 0x20 || (escapeAll && c > 0x7e)) {
                        out.append(String.format(r.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** The value the parser gives for a generated tree: decimals as doubles, {@code NULL} as Java null. */
    static Object expected(Object v) {
        if (v == NULL) {
            return null;
        }
        if (v instanceof Decimal d) {
            return Double.parseDouble(d.text());
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(e -> out.add(expected(e)));
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, e) -> out.put((String) k, expected(e)));
            return out;
        }
        return v;
    }
}
