package dev.stardust.json.internal;

import dev.stardust.json.DuplicateKeys;
import dev.stardust.json.JsonException;
import dev.stardust.json.ParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.io.ContentReference;

/** Reads one whole JSON document (exactly one value, nothing after it but whitespace) into plain Java values. */
public final class DocumentReader {
    /**
     * A builder per thread, reused by the next document so a small parse does not make its stacks again; taken out
     * while in use, so a parse that somehow starts another on the same thread gets a fresh one.
     */
    private static final ThreadLocal<@Nullable TreeBuilder> BUILDERS = new ThreadLocal<>();

    private DocumentReader() {}

    /**
     * Parses UTF-8 bytes; UTF-16 and UTF-32 input is refused, as RFC 8259 section 8.1 requires UTF-8. One pass over
     * the bytes finds the invalid UTF-8 jackson lets through and whether any string may hold a lone surrogate.
     */
    public static @Nullable Object read(byte[] bytes, int offset, int length, ParseOptions options) {
        InputWindow window = InputWindow.of(bytes, offset, offset + length, 0);
        if (looksLikeUtf16Or32(bytes, offset, length)) {
            throw Errors.at("ERR_JSON_PARSE", "input is not UTF-8 (it looks like UTF-16 or UTF-32)",
                    new TokenStreamLocation(ContentReference.unknown(), 0, 1, 1), "$", window);
        }
        Utf8Check utf8 = new Utf8Check();
        int bad = utf8.check(bytes, offset, offset + length);
        if (bad >= 0) {
            throw Errors.at("ERR_JSON_PARSE", Utf8Check.reason(), locate(bytes, offset, bad), "$", window);
        }
        boolean surrogates = utf8.sawSurrogateEscapes();
        try {
            return read(bytes, offset, length, options, builder(options, window, surrogates, false));
        } catch (TreeBuilder.DuplicateKeyFound e) {
            // rare: parse again, checking keys as they come, to say where the first duplicate is
            return read(bytes, offset, length, options, builder(options, window, surrogates, true));
        }
    }

    private static @Nullable Object read(byte[] bytes, int offset, int length, ParseOptions options,
            TreeBuilder builder) {
        try (JsonParser p = ReaderFactories.of(options).createParser(ObjectReadContext.empty(), bytes, offset,
                length)) {
            return read(p, builder);
        } catch (JacksonException e) {
            throw Errors.fromJackson(e, builder);
        } finally {
            giveBack(builder);
        }
    }

    /** Parses a string; its strings are each checked for lone surrogates, which a Java string may hold raw. */
    public static @Nullable Object read(String text, ParseOptions options) {
        InputWindow window = InputWindow.of(text);
        try {
            return read(text, options, builder(options, window, true, false));
        } catch (TreeBuilder.DuplicateKeyFound e) {
            return read(text, options, builder(options, window, true, true));
        }
    }

    private static @Nullable Object read(String text, ParseOptions options, TreeBuilder builder) {
        try (JsonParser p = ReaderFactories.of(options).createParser(ObjectReadContext.empty(), text)) {
            return read(p, builder);
        } catch (JacksonException e) {
            throw Errors.fromJackson(e, builder);
        } finally {
            giveBack(builder);
        }
    }

    /** Keeps {@code builder} for this thread's next document, unless its stacks grew too large. */
    private static void giveBack(TreeBuilder builder) {
        if (builder.reset(DuplicateKeys.REJECT)) {
            BUILDERS.set(builder);
        }
    }

    private static TreeBuilder builder(ParseOptions options, InputWindow window, boolean checkSurrogates,
            boolean locateDuplicates) {
        TreeBuilder builder = BUILDERS.get();
        if (builder != null && !locateDuplicates && builder.reset(options.duplicateKeys())) {
            BUILDERS.set(null);
        } else {
            builder = new TreeBuilder(options.duplicateKeys(), false);
        }
        builder.window(window);
        builder.checkSurrogates(checkSurrogates);
        if (locateDuplicates) {
            builder.locateDuplicates();
        } else {
            builder.signalDuplicates();
        }
        return builder;
    }

    /** Reads the stream to its end (at most the document limit) and parses it; the stream is not closed. */
    public static @Nullable Object read(InputStream in, ParseOptions options) {
        long limit = options.maxDocumentLength();
        byte[] buf = new byte[8192];
        int n = 0;
        try {
            for (int r; (r = in.read(buf, n, buf.length - n)) >= 0; ) {
                n += r;
                if (n > limit) {
                    throw new JsonException("ERR_JSON_LIMIT", "document longer than maxDocumentLength " + limit
                            + " bytes", -1, -1, n, "$", "");
                }
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, Math.min(limit + 1, n * 2L)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read(buf, 0, n, options);
    }

    private static @Nullable Object read(JsonParser p, TreeBuilder builder) {
        try {
            if (!builder.next(p)) {
                throw Errors.atEnd(p, "no JSON value in the input", builder);
            }
            Object value = builder.completed();
            if (p.nextToken() != null) {
                throw Errors.unexpected(p, "unexpected data after the root value", builder);
            }
            return value;
        } catch (JacksonException e) {
            throw Errors.fromJackson(e, builder);
        }
    }

    /** Line and column (in bytes, as jackson counts) of {@code index}; only computed for an error. */
    private static TokenStreamLocation locate(byte[] b, int offset, int index) {
        int line = 1;
        int lineStart = offset;
        for (int i = offset; i < index; i++) {
            if (b[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new TokenStreamLocation(ContentReference.unknown(), index - offset, line, index - lineStart + 1);
    }

    static boolean looksLikeUtf16Or32(byte[] b, int off, int len) {
        if (len >= 2 && ((b[off] & 0xff) == 0xfe && (b[off + 1] & 0xff) == 0xff
                || (b[off] & 0xff) == 0xff && (b[off + 1] & 0xff) == 0xfe)) {
            return true;
        }
        for (int i = off; i < off + Math.min(4, len); i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
