package dev.stardust.json;

import dev.stardust.Buffer;
import dev.stardust.Promise;
import dev.stardust.json.internal.DocumentReader;
import dev.stardust.json.internal.NullValue;
import dev.stardust.json.internal.ParseTransform;
import dev.stardust.json.internal.ValueWriter;
import dev.stardust.stream.Consumers;
import dev.stardust.stream.ReadableStream;
import dev.stardust.stream.Transform;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * JSON to plain Java values and back, as node's {@code JSON.parse}/{@code JSON.stringify} and luvit's {@code json}
 * module. Parsing gives objects as insertion-ordered {@code Map<String, Object>}, arrays as {@code List<Object>},
 * strings, booleans, {@code null}, and numbers that keep their value: integers as {@code Long}, or
 * {@code BigInteger} beyond 64 bits; decimals as {@code Double} when the double's shortest decimal form has the
 * same value as the input ({@code 0.1}, {@code 1e300}), else {@code BigDecimal} ({@code 1e400},
 * {@code 0.10000000000000000001}); {@code -0} is {@code Long} 0, {@code -0.0} is {@code Double} -0.0.
 *
 * <p>Strict by default ({@link ParseOptions#strict()}): RFC 8259 only, duplicate keys rejected, one value per
 * document, UTF-8 byte input only. Where RFC 8259 leaves a choice (JSONTestSuite's {@code i_} cases) the answers
 * are: numbers of any size are accepted as above, except an exponent beyond {@code int} range, which no Java number
 * holds ({@code ERR_JSON_LIMIT}); a UTF-8 byte order mark is skipped; UTF-16 and UTF-32 input is refused; invalid
 * UTF-8 (truncated, overlong, lone continuation bytes, encoded surrogates, code points above U+10FFFF) is refused;
 * lone or reversed surrogates, raw or escaped ({@code "\}{@code uD800"}), are refused in strings and keys so every string
 * is valid Unicode; 500 nested arrays are accepted (the default depth limit is 500). Errors are
 * {@link JsonException}s with line, column, offset, path and excerpt; {@code runtime-json/README.md} lists the
 * decisions per file.
 */
public final class Json {
    /**
     * JSON {@code null} as a {@linkplain #createParseStream parse stream} emits it, since a stream's {@code null}
     * means its end; {@link #stringify} writes it as {@code null}. {@code parse} returns a plain {@code null}.
     */
    public static final Object NULL = NullValue.INSTANCE;

    private Json() {}

    /** Parses a JSON text strictly (node's {@code JSON.parse(text)}). */
    public static @Nullable Object parse(String text) {
        return DocumentReader.read(text, ParseOptions.strict());
    }

    /** Parses a JSON text with the given options. */
    public static @Nullable Object parse(String text, ParseOptions options) {
        return DocumentReader.read(text, options);
    }

    /** Parses UTF-8 bytes strictly. */
    public static @Nullable Object parse(byte[] utf8) {
        return DocumentReader.read(utf8, 0, utf8.length, ParseOptions.strict());
    }

    /** Parses UTF-8 bytes with the given options. */
    public static @Nullable Object parse(byte[] utf8, ParseOptions options) {
        return DocumentReader.read(utf8, 0, utf8.length, options);
    }

    /** Parses a buffer of UTF-8 strictly (node's {@code JSON.parse(buffer)}). */
    public static @Nullable Object parse(Buffer utf8) {
        return parse(utf8.toByteArray(), ParseOptions.strict());
    }

    /** Parses a buffer of UTF-8 with the given options. */
    public static @Nullable Object parse(Buffer utf8, ParseOptions options) {
        return parse(utf8.toByteArray(), options);
    }

    /**
     * The whole of {@code body} (a request or response body, a file) parsed strictly as one JSON document once it
     * ended (node's {@code stream/consumers} {@code json(stream)}); see {@link #parseBody(ReadableStream, int,
     * ParseOptions)}.
     */
    public static Promise<@Nullable Object> parseBody(ReadableStream<Buffer> body, int maxBytes) {
        return parseBody(body, maxBytes, ParseOptions.strict());
    }

    /**
     * The whole of {@code body} parsed with {@code options} once it ended. Reading stops past {@code maxBytes}: the
     * body is destroyed and the promise fails with {@code ERR_BODY_TOO_LARGE}, as {@link Consumers#buffer}; invalid
     * JSON fails it with a {@link JsonException} giving line and column. Loop thread only.
     */
    public static Promise<@Nullable Object> parseBody(ReadableStream<Buffer> body, int maxBytes,
            ParseOptions options) {
        return Consumers.buffer(body, maxBytes).map(bytes -> parse(bytes, options));
    }

    /**
     * A stream that parses the UTF-8 bytes written to it and emits every top-level value as it completes, strictly:
     * NDJSON from a socket or a request body, as node's {@code ndjson.parse()}. See
     * {@link #createParseStream(JsonStreamMode, ParseOptions)}.
     */
    public static Transform<Buffer, Object> createParseStream() {
        return new ParseTransform(JsonStreamMode.VALUES, ParseOptions.strict());
    }

    /** A parse stream emitting per {@code mode}, strictly. */
    public static Transform<Buffer, Object> createParseStream(JsonStreamMode mode) {
        return new ParseTransform(mode, ParseOptions.strict());
    }

    /**
     * A {@link Transform} from UTF-8 bytes to values over {@link JsonStreamParser}: values are pushed as soon as they
     * complete (JSON {@code null} as {@link #NULL}); the first error, a {@link JsonException} with line and column,
     * destroys the stream and is its one {@code error} event; ending the input inside a value is an error too. At most
     * 16 values wait to be read before the writer is told to wait, so memory stays bounded by the largest value.
     * Loop thread only.
     */
    public static Transform<Buffer, Object> createParseStream(JsonStreamMode mode, ParseOptions options) {
        return new ParseTransform(mode, options);
    }

    /** Reads a stream of UTF-8 to its end and parses it strictly; the stream is left open. */
    public static @Nullable Object parse(InputStream in) {
        return DocumentReader.read(in, ParseOptions.strict());
    }

    /** Reads a stream of UTF-8 to its end (at most {@link ParseOptions#maxDocumentLength()}) and parses it. */
    public static @Nullable Object parse(InputStream in, ParseOptions options) {
        return DocumentReader.read(in, options);
    }

    /** Writes a value as compact JSON (node's {@code JSON.stringify(value)}); see {@link StringifyOptions}. */
    public static String stringify(@Nullable Object value) {
        return ValueWriter.write(value, StringifyOptions.defaults());
    }

    /** Writes a value as JSON with options: luvit's {@code json.stringify(value, {beautify = true})}. */
    public static String stringify(@Nullable Object value, StringifyOptions options) {
        return ValueWriter.write(value, options);
    }

    /** Writes a value as JSON encoded in UTF-8. */
    public static byte[] stringifyToBytes(@Nullable Object value, StringifyOptions options) {
        return ValueWriter.writeUtf8(value, options);
    }
}
