package dev.stardust.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.testing.AllocatedBytes;
import dev.stardust.testing.Splits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import dev.stardust.json.JsonGenerators.JsonText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Reporter;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of {@link JsonStreamParser} (issue 20): generated JSON, valid and mutated, fed whole, byte by byte and at
 * generated cuts gives the same verdict everywhere: the same values (equal to the generated ones when the input is
 * valid) or the same {@link JsonException}, with the same code and place, and never another exception. Under small
 * limits the verdict is still split-independent, and a hostile input far beyond a limit allocates in proportion to
 * the limit, not to the input.
 */
class JsonStreamParserProperties {
    private static final int TRIES = 200;

    /** What a parse gave: every value emitted, in order, then the error if there was one. */
    record Verdict(List<Object> values, String error) {
        @Override
        public String toString() {
            return values + (error.isEmpty() ? "" : " then " + error);
        }
    }

    @Property(tries = TRIES)
    void aValidDocumentGivesTheGeneratedValueForEverySplit(@ForAll("documents") JsonText doc,
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 1 << 16) Integer> cuts) {
        Verdict v = Splits.assertSame(Splits.verdicts(doc.bytes(), cuts,
                pieces -> parse(JsonStreamParser::document, ParseOptions.strict(), pieces)));
        assertEquals(new Verdict(Arrays.asList(doc.value()), ""), v, doc.text());
    }

    @Property(tries = TRIES)
    void aMutatedDocumentGetsOneVerdictForEverySplitAndParsesVerdict(@ForAll("mutatedDocuments") byte[] input,
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 1 << 16) Integer> cuts) {
        Verdict v = Splits.assertSame(Splits.verdicts(input, cuts,
                pieces -> parse(JsonStreamParser::document, ParseOptions.strict(), pieces)));
        Verdict whole = parseWhole(input, ParseOptions.strict());
        // The stream reports a duplicate key where its object closes, parse at the key: only the code is compared.
        assertEquals(whole.values(), v.values());
        assertEquals(codeOf(whole.error()), codeOf(v.error()));
    }

    @Property(tries = TRIES)
    void aStreamOfValuesGivesTheSameValuesAndErrorForEverySplit(@ForAll("valueStreams") byte[] input,
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 1 << 16) Integer> cuts) {
        Splits.assertSame(Splits.verdicts(input, cuts,
                pieces -> parse(JsonStreamParser::values, ParseOptions.lenient(), pieces)));
    }

    @Property(tries = TRIES / 2)
    void aStreamOfValuesUnderSmallLimitsGivesTheSameVerdictForEverySplit(@ForAll("valueStreams") byte[] input,
            @ForAll @IntRange(min = 1, max = 6) int depth, @ForAll @IntRange(min = 1, max = 12) int stringLength,
            @ForAll @IntRange(min = 1, max = 60) int size,
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 1 << 16) Integer> cuts) {
        ParseOptions limits = ParseOptions.lenient().withMaxDepth(depth).withMaxStringLength(stringLength)
                .withMaxDocumentLength(size);
        Splits.assertSame(Splits.verdicts(input, cuts, pieces -> parse(JsonStreamParser::values, limits, pieces)));
    }

    @Property(tries = TRIES)
    void arrayElementsAreSplitIndependent(@ForAll("mutatedDocuments") byte[] input,
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 1 << 16) Integer> cuts) {
        Splits.assertSame(Splits.verdicts(input, cuts,
                pieces -> parse(JsonStreamParser::arrayElements, ParseOptions.strict(), pieces)));
    }

    @Property(tries = TRIES / 2)
    void smallLimitsGiveTheSameVerdictForEverySplit(@ForAll("mutatedDocuments") byte[] input,
            @ForAll @IntRange(min = 1, max = 6) int depth, @ForAll @IntRange(min = 1, max = 12) int stringLength,
            @ForAll @IntRange(min = 1, max = 8) int numberLength, @ForAll @IntRange(min = 1, max = 200) int size,
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 1 << 16) Integer> cuts) {
        ParseOptions limits = ParseOptions.strict().withMaxDepth(depth).withMaxStringLength(stringLength)
                .withMaxNumberLength(numberLength).withMaxDocumentLength(size);
        Verdict v = Splits.assertSame(Splits.verdicts(input, cuts,
                pieces -> parse(JsonStreamParser::document, limits, pieces)));
        if (input.length <= size && validUtf8(input)) {
            // Which of two faults is reported may differ from parse's: beyond the limit parse refuses before reading,
            // the stream at the limit; parse checks the encoding before the tokens, the stream as it goes. And
            // jackson's two parsers order the faults of one token differently: the non-blocking one sizes the text of
            // an unrecognized token against the string limit while reporting it, and a malformed number against the
            // number limit before its syntax (a LIMIT where parse says PARSE), so those two limits are left out here.
            ParseOptions comparable = limits.withMaxStringLength(256).withMaxNumberLength(256);
            assertEquals(parseWhole(input, comparable).error(),
                    parse(JsonStreamParser::document, comparable, List.of(input)).error(), "parse and stream disagree");
        }
    }

    /** A string far longer than the limit: the parser fails near the limit, having allocated about that much. */
    @Example
    void aHugeStringAllocatesInProportionToTheStringLimit(Reporter reporter) {
        int limit = 1024;
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        long allocated = hostile(ParseOptions.strict().withMaxStringLength(limit), "[\"", chunk, "ERR_JSON_LIMIT");
        assertBounded(reporter, allocated, limit);
    }

    @Example
    void anEndlessArrayAllocatesInProportionToTheDocumentLimit(Reporter reporter) {
        int limit = 4096;
        byte[] chunk = "1,".repeat(32 * 1024).getBytes(StandardCharsets.US_ASCII);
        long allocated = hostile(ParseOptions.strict().withMaxDocumentLength(limit), "[", chunk, "ERR_JSON_LIMIT");
        assertBounded(reporter, allocated, limit);
    }

    @Example
    void endlessNestingAllocatesInProportionToTheDepthLimit(Reporter reporter) {
        int depth = 64;
        byte[] chunk = "[".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        long allocated = hostile(ParseOptions.strict().withMaxDepth(depth), "", chunk, "ERR_JSON_DEPTH");
        assertBounded(reporter, allocated, depth * 64);
    }

    /**
     * The bound: the parser's own buffers (jackson recycles its input and text buffers per thread; a fresh parser
     * measured 2 KiB, a refused hostile input 7 KiB in all) plus 32 bytes per unit of the limit (a char is two bytes,
     * and builders grow by doubling), against the 4 MiB of hostile input offered.
     */
    private static void assertBounded(Reporter reporter, long allocated, long limit) {
        reporter.publishValue("allocated bytes", Long.toString(allocated));
        if (AllocatedBytes.supported()) {
            long bound = 64 * 1024 + 32 * limit;
            assertTrue(allocated < bound, "allocated " + allocated + " bytes, bound " + bound);
        }
    }

    /**
     * Feeds {@code head} and then {@code chunk} up to 64 times (4 MiB) until the parser fails with {@code code}, three
     * times: the first runs load classes and fill jackson's buffer pools, which is not the parser's doing, so the
     * least of the three is returned.
     */
    private static long hostile(ParseOptions options, String head, byte[] chunk, String code) {
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            JsonStreamParser parser = JsonStreamParser.document(options, v -> { });
            JsonException[] error = new JsonException[1];
            long allocated = AllocatedBytes.during(() -> {
                try {
                    parser.feed(head.getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < 64; i++) {
                        parser.feed(chunk);
                    }
                } catch (JsonException e) {
                    error[0] = e;
                }
            });
            assertTrue(error[0] != null, "the parser took 4 MiB of hostile input");
            assertEquals(code, error[0].code());
            least = Math.min(least, allocated);
        }
        return least;
    }

    interface ParserFactory extends java.util.function.BiFunction<ParseOptions,
            java.util.function.Consumer<Object>, JsonStreamParser> {
    }

    private static Verdict parse(ParserFactory factory, ParseOptions options, List<byte[]> pieces) {
        List<Object> values = new ArrayList<>();
        JsonStreamParser parser = factory.apply(options, values::add);
        try {
            for (byte[] piece : pieces) {
                // A copy scribbled over after the call: the parser must not keep the caller's array.
                byte[] copy = piece.clone();
                parser.feed(copy, 0, copy.length);
                Arrays.fill(copy, (byte) '!');
            }
            parser.end();
            return new Verdict(values, "");
        } catch (JsonException e) {
            return new Verdict(values, describe(e));
        }
    }

    private static Verdict parseWhole(byte[] input, ParseOptions options) {
        try {
            return new Verdict(Arrays.asList(Json.parse(input, options)), "");
        } catch (JsonException e) {
            return new Verdict(List.of(), describe(e));
        }
    }

    /**
     * The error's code, the verdict; a parse error in byte input must also say where it is. The place itself is not
     * part of the verdict: jackson-core places a bad UTF-8 continuation byte inside a string by where its scanning
     * loop paused, so the same input fed whole and in pieces can be reported a few bytes apart.
     */
    private static String describe(JsonException e) {
        assertTrue(e.code().startsWith("ERR_JSON_"), e.code());
        if (e.code().equals("ERR_JSON_PARSE")) {
            assertTrue(e.line() >= 1 && e.column() >= 1 && e.offset() >= 0, e.getMessage());
        }
        return e.code();
    }

    private static boolean validUtf8(byte[] input) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(input));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static String codeOf(String error) {
        return error;
    }

    // ---- generators ----

    @Provide
    Arbitrary<JsonText> documents() {
        return JsonGenerators.documents();
    }

    @Provide
    Arbitrary<byte[]> mutatedDocuments() {
        return JsonGenerators.mutated(JsonGenerators.documents().map(JsonText::bytes));
    }

    /** Several documents, each valid or mutated, separated by newlines or spaces (lenient: comments may appear). */
    @Provide
    Arbitrary<byte[]> valueStreams() {
        Arbitrary<byte[]> one = Arbitraries.oneOf(JsonGenerators.documents().map(JsonText::bytes),
                JsonGenerators.mutated(JsonGenerators.documents().map(JsonText::bytes)));
        Arbitrary<String> separator = Arbitraries.of("\n", " ", "\r\n", "\n\n", "\t", "/* c */\n", "// c\n");
        return Arbitraries.lazy(() -> one.list().ofMaxSize(5)).flatMap(docs -> separator.list().ofSize(docs.size())
                .map(seps -> join(docs, seps)));
    }

    private static byte[] join(List<byte[]> docs, List<String> seps) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < docs.size(); i++) {
            out.writeBytes(docs.get(i));
            out.writeBytes(seps.get(i).getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }
}
