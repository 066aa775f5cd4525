package dev.stardust.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link JsonStreamParser} gives exactly {@link Json#parse(byte[])}'s verdict and value for every JSONTestSuite
 * file, whether the input arrives whole, one byte at a time, or in two pieces split at any offset. Every offset is
 * tried for the first {@value #EVERY_OFFSET_UP_TO} bytes of a file and {@value #SAMPLES} evenly spaced offsets
 * beyond (only two files are longer), which keeps the run to seconds.
 */
class StreamingEquivalenceTest {
    static final int EVERY_OFFSET_UP_TO = 4096;
    static final int SAMPLES = 64;

    /** A parse's result: the value, or the error code. */
    record Outcome(boolean ok, Object value, String code) {
        static Outcome of(Runnable parse, List<Object> sink) {
            try {
                parse.run();
                assertEquals(1, sink.size(), "a document parser emits exactly one value");
                return new Outcome(true, sink.get(0), "");
            } catch (JsonException e) {
                return new Outcome(false, "", e.code());
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> streamingAgreesWithWholeDocumentParsing() {
        return Corpus.files().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> agree(f)));
    }

    private static void agree(Path file) {
        byte[] input = Corpus.read(file);
        Outcome whole;
        try {
            whole = new Outcome(true, Objects.requireNonNullElse(Json.parse(input), NULL), "");
        } catch (JsonException e) {
            whole = new Outcome(false, "", e.code());
        }
        assertEquals(whole, streamed(input, input.length), "fed whole");
        assertEquals(whole, streamed(input, 1), "fed one byte at a time");
        for (int split : splitPoints(input.length)) {
            assertEquals(whole, split(input, split), "split at offset " + split);
        }
    }

    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    static int[] splitPoints(int length) {
        if (length <= EVERY_OFFSET_UP_TO) {
            return java.util.stream.IntStream.rangeClosed(0, length).toArray();
        }
        return java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(0, EVERY_OFFSET_UP_TO),
                java.util.stream.IntStream.rangeClosed(1, SAMPLES)
                        .map(i -> EVERY_OFFSET_UP_TO + (int) ((long) (length - EVERY_OFFSET_UP_TO) * i / SAMPLES)))
                .distinct().toArray();
    }

    private static Outcome streamed(byte[] input, int chunk) {
        List<Object> sink = new ArrayList<>();
        return Outcome.of(() -> {
            JsonStreamParser p = JsonStreamParser.document(ParseOptions.strict(),
                    v -> sink.add(Objects.requireNonNullElse(v, NULL)));
            for (int i = 0; i < input.length; i += chunk) {
                p.feed(input, i, Math.min(chunk, input.length - i));
            }
            p.end();
        }, sink);
    }

    private static Outcome split(byte[] input, int at) {
        List<Object> sink = new ArrayList<>();
        return Outcome.of(() -> {
            JsonStreamParser p = JsonStreamParser.document(ParseOptions.strict(),
                    v -> sink.add(Objects.requireNonNullElse(v, NULL)));
            byte[] copy = input.clone(); // the parser must not keep the caller's array
            p.feed(copy, 0, at);
            java.util.Arrays.fill(copy, 0, at, (byte) '!');
            p.feed(copy, at, input.length - at);
            p.end();
        }, sink);
    }

    @TestFactory
    Stream<DynamicTest> arrayElementsAreTheParsedArraysElements() {
        ParseOptions options = ParseOptions.strict().withDuplicateKeys(DuplicateKeys.KEEP_LAST);
        return Corpus.files().stream()
                .filter(f -> f.getFileName().toString().startsWith("y_"))
                .filter(f -> Json.parse(Corpus.read(f), options) instanceof List)
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                    byte[] input = Corpus.read(f);
                    for (int chunk : new int[] {1, 3, input.length}) {
                        List<Object> elements = new ArrayList<>();
                        JsonStreamParser p = JsonStreamParser.arrayElements(options, elements::add);
                        for (int i = 0; i < input.length; i += chunk) {
                            p.feed(input, i, Math.min(chunk, input.length - i));
                        }
                        p.end();
                        assertEquals(Json.parse(input, options), elements, "chunks of " + chunk);
                    }
                }));
    }

    @Test
    void aNewlineDelimitedStreamOfEveryValidFileGivesEachValueInOrder() {
        ParseOptions options = ParseOptions.strict().withDuplicateKeys(DuplicateKeys.KEEP_LAST);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<Object> expected = new ArrayList<>();
        for (Path f : Corpus.files()) {
            if (f.getFileName().toString().startsWith("y_")) {
                byte[] input = Corpus.read(f);
                expected.add(Json.parse(input, options));
                all.writeBytes(input);
                all.write('\n');
            }
        }
        byte[] input = all.toByteArray();
        for (int chunk : new int[] {1, 7, 4096}) {
            List<Object> values = new ArrayList<>();
            JsonStreamParser p = JsonStreamParser.values(options, values::add);
            for (int i = 0; i < input.length; i += chunk) {
                p.feed(input, i, Math.min(chunk, input.length - i));
            }
            p.end();
            assertEquals(expected, values, "chunks of " + chunk);
        }
    }
}
