package dev.stardust.json.internal;

import dev.stardust.Buffer;
import dev.stardust.json.JsonStreamMode;
import dev.stardust.json.JsonStreamParser;
import dev.stardust.json.ParseOptions;
import dev.stardust.stream.Readable;
import dev.stardust.stream.Transform;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Transform} from UTF-8 bytes to parsed values over a {@link JsonStreamParser}: each written chunk is fed,
 * each completed value pushed (JSON {@code null} as {@code Json.NULL}, a stream's null being its end), the end of
 * the input ends the parser. The first error (a {@code JsonException} with its line and column) fails the write that
 * met it, which destroys the stream: one {@code error} event. The output holds at most 16 values before the input
 * waits, so memory is bounded by the chunk being parsed and the largest value, never by the stream.
 */
public final class ParseTransform extends Transform<Buffer, Object> {
    /** Values buffered on the readable side before writes wait (objects count one each). */
    static final int VALUES_HIGH_WATER_MARK = 16;

    private final JsonStreamParser parser;
    /** Hands a chunk's own bytes to the parser ({@link Buffer#writeTo}): no copy per chunk. */
    private final OutputStream feed = new OutputStream() {
        @Override
        public void write(byte[] b, int off, int len) {
            parser.feed(b, off, len);
        }

        @Override
        public void write(int b) {
            parser.feed(new byte[] {(byte) b});
        }
    };

    public ParseTransform(JsonStreamMode mode, ParseOptions options) {
        super(VALUES_HIGH_WATER_MARK, Readable.DEFAULT_HIGH_WATER_MARK);
        Consumer<@Nullable Object> onValue = value -> push(value == null ? NullValue.INSTANCE : value);
        this.parser = switch (mode) {
            case VALUES -> JsonStreamParser.values(options, onValue);
            case ARRAY_ELEMENTS -> JsonStreamParser.arrayElements(options, onValue);
            case DOCUMENT -> JsonStreamParser.document(options, onValue);
        };
    }

    @Override
    protected void doTransform(Buffer chunk, Consumer<@Nullable Throwable> callback) {
        try {
            chunk.writeTo(feed);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // our stream throws none
        } catch (RuntimeException e) {
            callback.accept(e);
            return;
        }
        callback.accept(null);
    }

    @Override
    protected void doFlush(Consumer<@Nullable Throwable> callback) {
        try {
            parser.end();
        } catch (RuntimeException e) {
            callback.accept(e);
            return;
        }
        callback.accept(null);
    }
}
