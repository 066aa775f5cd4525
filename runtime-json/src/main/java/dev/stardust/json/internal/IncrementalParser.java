package dev.stardust.json.internal;

import dev.stardust.json.JsonException;
import dev.stardust.json.ParseOptions;
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
    private long fed;
    private long valueStart;
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
        this.parser = ReaderFactories.of(options.withMaxDocumentLength(Long.MAX_VALUE))
                .createNonBlockingByteArrayParser(ObjectReadContext.empty());
        this.feeder = (ByteArrayFeeder) parser.nonBlockingInputFeeder();
        this.builder = new TreeBuilder(options.duplicateKeys(), mode == Mode.ARRAY_ELEMENTS);
    }

    /** Parses {@code length} bytes of {@code chunk} from {@code offset}, emitting each value completed by them. */
    public void feed(byte[] chunk, int offset, int length) {
        checkUsable();
        if (length == 0) {
            return;
        }
        try {
            builder.window(InputWindow.of(chunk, offset, offset + length, fed));
            feeder.feedInput(chunk, offset, offset + length);
            fed += length;
            drain();
            checkValueLength();
        } catch (JacksonException e) {
            throw fail(Errors.fromJackson(e, builder));
        } catch (RuntimeException e) {
            throw fail(e);
        } finally {
            builder.window(InputWindow.none());
        }
    }

    /** Signals the end of input: emits what is still pending, or fails if the input ended inside a value. */
    public void end() {
        checkUsable();
        ended = true;
        try {
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
            valueStart = parser.currentLocation().getByteOffset();
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

    private void checkValueLength() {
        if (mode != Mode.DOCUMENT && !builder.inValue() && !haveDocument) {
            valueStart = fed; // only whitespace since the last value: nothing is held
        }
        if (fed - valueStart > maxValueLength) {
            String what = mode == Mode.DOCUMENT ? "document" : "value";
            throw new JsonException("ERR_JSON_LIMIT", what + " longer than maxDocumentLength " + maxValueLength
                    + " bytes", -1, -1, fed, builder.path(), "");
        }
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
