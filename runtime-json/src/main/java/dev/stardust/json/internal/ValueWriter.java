package dev.stardust.json.internal;

import dev.stardust.json.JsonException;
import dev.stardust.json.StringifyOptions;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Writes plain Java values through a jackson generator, iteratively: containers being written are
 * {@link OpenContainer}s on an explicit stack, so depth costs heap, not thread stack, and is bounded by {@link StringifyOptions#maxDepth()}.
 * The same stack tells a cycle from mere depth and gives the JSON path of a failure.
 */
public final class ValueWriter {
    private static final JsonFactory PLAIN = factory(false);
    private static final JsonFactory ASCII = factory(true);

    /**
     * A writer per thread, reused by the next call so that a small document allocates little beyond its output;
     * taken out while in use, so a nested call (a value's {@code toString} calling {@code stringify}) gets its own.
     */
    private static final ThreadLocal<@Nullable ValueWriter> SPARE = new ThreadLocal<>();
    /** What the frames kept for reuse point at between calls. */
    private static final ParsedObject NO_OBJECT = new ParsedObject(0);
    private static final ArrayList<?> NO_LIST = new ArrayList<>(0);

    private JsonGenerator g;
    private boolean sortKeys;
    private int maxDepth;
    private OpenContainer[] frames = new OpenContainer[16];
    /** Where {@link PlainDoubles} writes a double's digits, so that common doubles allocate nothing. */
    private final char[] digits = new char[32];
    /** Frames kept per depth for reuse: most containers are parsed objects and array lists (up to 16 deep). */
    private final @Nullable OpenContainer[] objectFrames = new OpenContainer[16];
    private final @Nullable OpenContainer[] listFrames = new OpenContainer[16];
    private int depth;

    private ValueWriter(JsonGenerator g, StringifyOptions options) {
        this.g = g;
        this.sortKeys = options.sortKeys();
        this.maxDepth = options.maxDepth();
    }

    /** The JSON text of {@code value}. */
    public static String write(@Nullable Object value, StringifyOptions options) {
        OutputChars out = new OutputChars();
        try (JsonGenerator g = factory(options).createGenerator(context(options), out)) {
            run(g, options, value);
        }
        return out.take();
    }

    /** The JSON text of {@code value} in UTF-8, generated as bytes rather than encoded from a string. */
    public static byte[] writeUtf8(@Nullable Object value, StringifyOptions options) {
        OutputBytes out = new OutputBytes();
        try (JsonGenerator g = factory(options).createGenerator(context(options), out)) {
            run(g, options, value);
        }
        return out.take();
    }

    /** Writes {@code value} with this thread's spare writer (or a new one), then keeps the writer for next time. */
    private static void run(JsonGenerator g, StringifyOptions options, @Nullable Object value) {
        ValueWriter w = SPARE.get();
        if (w == null) {
            w = new ValueWriter(g, options);
        } else {
            SPARE.set(null);
            w.g = g;
            w.sortKeys = options.sortKeys();
            w.maxDepth = options.maxDepth();
        }
        try {
            w.run(value);
        } finally {
            Arrays.fill(w.frames, 0, w.depth, null); // after a failure frames may remain
            w.depth = 0;
            if (w.frames.length <= 64) {
                for (OpenContainer f : w.objectFrames) { // let go of the caller's containers
                    if (f != null) {
                        f.reset(NO_OBJECT);
                    }
                }
                for (OpenContainer f : w.listFrames) {
                    if (f != null) {
                        f.reset(NO_LIST);
                    }
                }
                SPARE.set(w);
            }
        }
    }

    private static JsonFactory factory(StringifyOptions options) {
        return options.escapeNonAscii() ? ASCII : PLAIN;
    }

    private static ObjectWriteContext context(StringifyOptions options) {
        return options.beautify() ? new Pretty(options.indentString()) : ObjectWriteContext.empty();
    }

    private void run(@Nullable Object root) {
        try {
            value(root);
            while (depth > 0) {
                OpenContainer f = frames[depth - 1];
                if (!f.hasNext()) {
                    if (f.isObject()) {
                        g.writeEndObject();
                    } else {
                        g.writeEndArray();
                    }
                    frames[--depth] = null;
                    continue;
                }
                Object child = f.next();
                if (f.isObject()) {
                    g.writeName(f.key());
                }
                value(child);
            }
        } catch (WriteFailure e) {
            throw new JsonException(e.code, e.getMessage(), -1, -1, -1, path(), "");
        }
    }

    /** Writes a scalar, or opens a container and pushes its frame. */
    private void value(@Nullable Object v) {
        if (v == null || v == NullValue.INSTANCE) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Map<?, ?> m) {
            push(m instanceof ParsedObject parsed && !sortKeys ? reused(parsed) : OpenContainer.of(m, sortKeys));
            g.writeStartObject(m, m.size());
        } else if (v instanceof List<?> list) {
            push(list instanceof ArrayList<?> array ? reused(array) : OpenContainer.of(list));
            g.writeStartArray(list, list.size());
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof AtomicInteger || v instanceof AtomicLong) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double d) {
            int n = PlainDoubles.write(finite(d), digits);
            if (n > 0) {
                g.writeNumber(digits, 0, n);
            } else {
                g.writeNumber(d.doubleValue());
            }
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (v instanceof Float f) {
            g.writeNumber((float) finite(f));
        } else if (v instanceof CharSequence || v instanceof Character) {
            g.writeString(v.toString());
        } else if (v instanceof Enum<?> e) {
            g.writeString(e.name());
        } else if (v instanceof Optional<?> o) {
            value(o.orElse(null));
        } else if (v instanceof OptionalInt o) {
            value(o.isPresent() ? (Object) o.getAsInt() : null);
        } else if (v instanceof OptionalLong o) {
            value(o.isPresent() ? (Object) o.getAsLong() : null);
        } else if (v instanceof OptionalDouble o) {
            value(o.isPresent() ? (Object) o.getAsDouble() : null);
        } else if (v instanceof Collection<?> c) {
            push(OpenContainer.of(c));
            g.writeStartArray(c, c.size());
        } else if (v.getClass().isArray()) {
            push(OpenContainer.ofArray(v));
            g.writeStartArray(v, Array.getLength(v));
        } else if (v instanceof Record r) {
            push(OpenContainer.of(r));
            g.writeStartObject(r);
        } else {
            throw new WriteFailure("ERR_JSON_STRINGIFY", "cannot write a " + v.getClass().getName()
                    + " as JSON (supported: Map, List, Collection, arrays, records, enums, Optional, CharSequence, "
                    + "Boolean, numbers)");
        }
    }

    /** The frame for a parsed object at this depth, the one used before at this depth if there was one. */
    private OpenContainer reused(ParsedObject map) {
        OpenContainer f = depth < objectFrames.length ? objectFrames[depth] : null;
        if (f == null) {
            f = new OpenContainer.ParsedMembers(map);
            keep(objectFrames, f);
        } else {
            f.reset(map);
        }
        return f;
    }

    /** The frame for an array list at this depth, reused as {@link #reused(ParsedObject)}. */
    private OpenContainer reused(ArrayList<?> list) {
        OpenContainer f = depth < listFrames.length ? listFrames[depth] : null;
        if (f == null) {
            f = new OpenContainer.Indexed(list);
            keep(listFrames, f);
        } else {
            f.reset(list);
        }
        return f;
    }

    private void keep(@Nullable OpenContainer[] cache, OpenContainer f) {
        if (depth < cache.length) {
            cache[depth] = f;
        }
    }

    private void push(OpenContainer frame) {
        for (int i = 0; i < depth; i++) {
            if (frames[i].container == frame.container) {
                throw new WriteFailure("ERR_JSON_STRINGIFY", "cycle: this "
                        + frame.container.getClass().getSimpleName() + " contains itself");
            }
        }
        if (depth == maxDepth) {
            throw new WriteFailure("ERR_JSON_DEPTH", "nesting deeper than maxDepth " + maxDepth);
        }
        if (depth == frames.length) {
            frames = Arrays.copyOf(frames, depth * 2);
        }
        frames[depth++] = frame;
    }

    private String path() {
        StringBuilder sb = new StringBuilder("$");
        for (int i = 0; i < depth; i++) {
            OpenContainer f = frames[i];
            if (f.index >= 0) {
                if (f.isObject()) {
                    Paths.appendKey(sb, f.key());
                } else {
                    sb.append('[').append(f.index).append(']');
                }
            }
        }
        return sb.toString();
    }

    private static double finite(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new WriteFailure("ERR_JSON_STRINGIFY", "cannot write " + d + " as JSON, which has no NaN or Infinity");
        }
        return d;
    }

    private static JsonFactory factory(boolean escapeNonAscii) {
        return JsonFactory.builder()
                .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
                .configure(JsonWriteFeature.ESCAPE_NON_ASCII, escapeNonAscii)
                .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                // Schubfach: the shortest digits that round-trip, faster than JDK 17's Double.toString
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                // a generator is made, used and closed within one call on one thread: no concurrent queue per call
                .recyclerPool(JsonRecyclerPools.threadLocalPool())
                .build();
    }

    /** Gives each beautifying generator its own printer (printers keep the current level). */
    private static final class Pretty extends ObjectWriteContext.Base {
        private final String indent;

        Pretty(String indent) {
            this.indent = indent;
        }

        @Override
        public PrettyPrinter getPrettyPrinter() {
            return new IndentingPrinter(indent);
        }

        @Override
        public boolean hasPrettyPrinter() {
            return true;
        }
    }
}
