package dev.stardust.json.internal;

import dev.stardust.json.JsonException;
import dev.stardust.json.ParseOptions;
import java.util.Arrays;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.async.ByteArrayFeeder;

/**
 * The engine of {@code JsonStreamParser}: jackson's non-blocking UTF-8 parser fed chunk by chunk, with a
 * {@link TreeBuilder} turning its tokens into values. Jackson copies partial tokens into its own buffers, so a chunk
 * may be reused as soon as {@link #feed} returns; memory is bounded by the value being built.
 */
public final class IncrementalParser {
    /** What is emitted. */
    public enum Mode {
        /** One value for the whole input, emitted at {@link #end()}, exactly as {@code Json.parse}. */
        DOCUMENT,
        /** Every top-level value of a whitespace- or newline-delimited sequence, as soon as it is complete. */
        SEQUENCE,
        /** Every element of one top-level array, as soon as it is complete. */
        ARRAY_ELEMENTS
    }

    private final Mode mode;
    private final long maxValueLength;
    private final Consumer<@Nullable Object> onValue;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final TreeBuilder builder;
    private final Utf8Check utf8 = new Utf8Check();
    private byte[] held = new byte[8];
    private int heldLength;
    private long fed;
    private boolean haveDocument;
    private @Nullable Object document;
    private boolean ended;
    private @Nullable RuntimeException failure;

    /** A parser emitting to {@code onValue} on the caller's thread, during {@link #feed} or {@link #end}. */
    public IncrementalParser(ParseOptions options, Mode mode, Consumer<@Nullable Object> onValue) {
        this.mode = mode;
        this.onValue = onValue;
        this.maxValueLength = options.maxDocumentLength();
        // Jackson's own document limit would count the whole stream; ours counts each value (see checkValueLength).
        this.parser = ReaderFactories.forStreams(options.withMaxDocumentLength(Long.MAX_VALUE))
                .createNonBlockingByteArrayParser(ObjectReadContext.empty());
        this.feeder = (ByteArrayFeeder) parser.nonBlockingInputFeeder();
        this.builder = new TreeBuilder(options.duplicateKeys(), mode == Mode.ARRAY_ELEMENTS);
        this.builder.checkSurrogates(false); // until the UTF-8 check sees an escaped surrogate
    }

    /**
     * Parses {@code length} bytes of {@code chunk} from {@code offset}, emitting each value completed by them. The
     * bytes go to jackson in slices that end where the value in progress would pass the size limit, so that the limit
     * is found at the same byte however the input was split (and a syntax error after that byte is never reached).
     */
    public void feed(byte[] chunk, int offset, int length) {
        checkUsable();
        int from = offset;
        int to = offset + length;
        while (from < to) {
            long logical = fed + heldLength;
            long allowed = mode == Mode.DOCUMENT ? maxValueLength + 1 - logical
                    : builder.building() ? valueStart() + maxValueLength + 1 - logical : maxValueLength + 1;
            int n = (int) Math.min(to - from, Math.max(1, allowed));
            feedSlice(chunk, from, from + n);
            from += n;
        }
    }

    private void feedSlice(byte[] chunk, int offset, int to) {
        try {
            int from = offset;
            if (heldLength > 0) {
                // a comma ended the input so far: pass it on only together with the next non-blank byte
                int k = from;
                while (k < to && isBlank(chunk[k])) {
                    k++;
                }
                hold(chunk, from, Math.min(k + 1, to));
                if (k == to) {
                    checkValueLength();
                    return;
                }
                byte[] joined = Arrays.copyOf(held, heldLength);
                heldLength = 0;
                pushHoldingComma(joined, 0, joined.length);
                from = k + 1;
            }
            pushHoldingComma(chunk, from, to);
            checkValueLength();
        } catch (JacksonException e) {
            throw fail(Errors.fromJackson(e, builder));
        } catch (RuntimeException e) {
            throw fail(e);
        } finally {
            builder.window(InputWindow.none());
        }
    }

    /**
     * jackson-core's non-blocking parser forgets a comma when the input pauses right after it (and any blanks):
     * {@code {"a":1,} then {@code }} would be accepted. So a trailing comma is held back until more input comes.
     */
    private void pushHoldingComma(byte[] b, int from, int to) {
        int t = to;
        while (t > from && isBlank(b[t - 1])) {
            t--;
        }
        if (t > from && b[t - 1] == ',') {
            hold(b, t - 1, to);
            to = t - 1;
        }
        push(b, from, to);
    }

    private void push(byte[] b, int from, int to) {
        if (from == to) {
            return;
        }
        int bad = utf8.check(b, from, to);
        if (utf8.sawSurrogateEscapes()) {
            builder.checkSurrogates(true);
        }
        if (bad != -2) {
            int good = Math.max(from, bad);
            builder.window(InputWindow.of(b, from, to, fed));
            feeder.feedInput(b, from, good);
            fed += good - from;
            drain();
            throw Errors.at("ERR_JSON_PARSE", Utf8Check.reason(), parser.currentLocation(), builder.path(),
                    builder.window());
        }
        builder.window(InputWindow.of(b, from, to, fed));
        feeder.feedInput(b, from, to);
        fed += to - from;
        drain();
        if (!builder.inValue() && (b[to - 1] == '\n' || b[to - 1] == '\r')) {
            // between top-level values after a line break (which no string holds raw): no string is in progress,
            // so an escaped surrogate seen earlier can no longer reach one
            utf8.forgetSurrogateEscapes();
            builder.checkSurrogates(false);
        }
    }

    private void hold(byte[] b, int from, int to) {
        int n = to - from;
        if (heldLength + n > held.length) {
            held = Arrays.copyOf(held, Math.max(held.length * 2, heldLength + n));
        }
        System.arraycopy(b, from, held, heldLength, n);
        heldLength += n;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** Signals the end of input: emits what is still pending, or fails if the input ended inside a value. */
    public void end() {
        checkUsable();
        ended = true;
        try {
            if (heldLength > 0) {
                push(Arrays.copyOf(held, heldLength), 0, heldLength);
                heldLength = 0;
            }
            feeder.endOfInput();
            drain();
            if (builder.inValue()) {
                throw Errors.unexpected(parser, "unexpected end of input inside a value", builder);
            }
            if (mode == Mode.DOCUMENT) {
                if (!haveDocument) {
                    throw Errors.unexpected(parser, "no JSON value in the input", builder);
                }
                onValue.accept(document);
            } else if (mode == Mode.ARRAY_ELEMENTS && !builder.rootArrayClosed()) {
                throw Errors.unexpected(parser, "no top-level array in the input", builder);
            }
            parser.close();
        } catch (JacksonException e) {
            throw fail(Errors.fromJackson(e, builder));
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    private void drain() {
        if (mode != Mode.SEQUENCE && (haveDocument || builder.rootArrayClosed())) {
            rejectTrailing();
            return;
        }
        while (builder.next(parser)) {
            Object value = builder.completed();
            long valueEnd = parser.currentLocation().getByteOffset();
            long start = mode == Mode.DOCUMENT ? 0 : valueStart();
            if (valueEnd - start > maxValueLength) {
                throw tooLong(start + maxValueLength);
            }
            if (mode == Mode.DOCUMENT) {
                haveDocument = true;
                document = value;
                rejectTrailing();
                return;
            }
            onValue.accept(value);
        }
        if (builder.rootArrayClosed()) {
            rejectTrailing();
        }
    }

    private void rejectTrailing() {
        JsonToken t = parser.nextToken();
        if (t != null && t != JsonToken.NOT_AVAILABLE) {
            String what = mode == Mode.DOCUMENT ? "root value" : "top-level array";
            throw Errors.unexpected(parser, "unexpected data after the " + what, builder);
        }
    }

    /**
     * A document counts all its bytes, as {@code Json.parse} does; a value of a stream counts from its first token, so
     * that blank lines between values count for none. A top-level scalar still being read is sized when complete.
     */
    private void checkValueLength() {
        long logical = fed + heldLength;
        if (mode == Mode.DOCUMENT) {
            if (logical > maxValueLength) {
                throw tooLong(maxValueLength);
            }
        } else if (builder.building() && logical - valueStart() > maxValueLength) {
            throw tooLong(valueStart() + maxValueLength);
        }
    }

    /**
     * The offset of the first byte of the top-level value being built or last completed. jackson's non-blocking
     * parser places a value's first token one byte late (it has consumed that byte when it notes the place), the same
     * for every split.
     */
    private long valueStart() {
        return builder.valueStart() - 1;
    }

    /** The limit passed: {@code offset} is that of the first byte beyond it, the same for every split. */
    private JsonException tooLong(long offset) {
        String what = mode == Mode.DOCUMENT ? "document" : "value";
        return new JsonException("ERR_JSON_LIMIT", what + " longer than maxDocumentLength " + maxValueLength
                + " bytes", -1, -1, offset, builder.path(), "");
    }

    private void checkUsable() {
        if (failure != null) {
            throw new IllegalStateException("the parser failed earlier", failure);
        }
        if (ended) {
            throw new IllegalStateException("end() was already called");
        }
    }

    private RuntimeException fail(RuntimeException e) {
        failure = e;
        parser.close();
        return e;
    }
}
