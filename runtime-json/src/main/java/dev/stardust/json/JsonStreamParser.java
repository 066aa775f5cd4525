package dev.stardust.json;

import dev.stardust.json.internal.IncrementalParser;
import dev.stardust.json.internal.IncrementalParser.Mode;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An incremental JSON parser fed chunks of UTF-8 as they arrive (from a file, a TCP socket or an HTTP body) that
 * hands each value to a callback as soon as it is complete: every value of a newline-delimited stream
 * ({@link #values}), every element of a top-level array ({@link #arrayElements}), or one whole document
 * ({@link #document}). Memory is bounded by the largest single value, never by the stream. Verdicts and values are
 * exactly those of {@link Json#parse(byte[], ParseOptions)} however the input is split; one place differs: a
 * rejected duplicate key is reported where its object closes (the input at the key may be gone by then), where
 * {@code parse} reports it at the key.
 *
 * <p>Not thread-safe: call {@link #feed} and {@link #end} from one thread at a time (the loop's, for a stream);
 * the callback runs on that thread, inside those calls. The first error, a {@link JsonException} or whatever the
 * callback threw, is thrown from the call that met it, and every later call throws {@link IllegalStateException}.
 * This is the engine of a {@code Transform} from bytes to values, as node's {@code ndjson} or {@code JSONStream}.
 */
public final class JsonStreamParser {
    private final IncrementalParser engine;

    private JsonStreamParser(ParseOptions options, Mode mode, Consumer<@Nullable Object> onValue) {
        this.engine = new IncrementalParser(options, mode, onValue);
    }

    /** Emits every top-level value of a stream of values separated by newlines or other whitespace (NDJSON). */
    public static JsonStreamParser values(ParseOptions options, Consumer<@Nullable Object> onValue) {
        return new JsonStreamParser(options, Mode.SEQUENCE, onValue);
    }

    /** Emits every element of one top-level array; anything but an array, or data after it, is an error. */
    public static JsonStreamParser arrayElements(ParseOptions options, Consumer<@Nullable Object> onValue) {
        return new JsonStreamParser(options, Mode.ARRAY_ELEMENTS, onValue);
    }

    /** Emits the one value of a whole document at {@link #end()}, as {@link Json#parse(byte[], ParseOptions)}. */
    public static JsonStreamParser document(ParseOptions options, Consumer<@Nullable Object> onValue) {
        return new JsonStreamParser(options, Mode.DOCUMENT, onValue);
    }

    /** Parses {@code length} bytes of {@code chunk} from {@code offset}; the chunk may be reused after the call. */
    public void feed(byte[] chunk, int offset, int length) {
        if (offset < 0 || length < 0 || offset > chunk.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + chunk.length);
        }
        engine.feed(chunk, offset, length);
    }

    /** Parses a whole chunk (a stream's {@code write}). */
    public void feed(byte[] chunk) {
        engine.feed(chunk, 0, chunk.length);
    }

    /** Ends the input (a stream's {@code end}): fails if it stopped inside a value or held no value it needed. */
    public void end() {
        engine.end();
    }
}
