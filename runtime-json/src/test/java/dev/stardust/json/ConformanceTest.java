package dev.stardust.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * JSONTestSuite in strict mode, one test per file: every {@code y_} file parses (but the two with duplicate keys,
 * rejected by design), every {@code n_} file fails with a {@link JsonException}, every {@code i_} file gets the
 * answer written in {@link #IMPLEMENTATION_DEFINED} (and in {@link Json}'s javadoc).
 */
class ConformanceTest {
    /** Our answer for each {@code i_} file: ACCEPT with the type of the first element, or the error code. */
    static final Map<String, String> IMPLEMENTATION_DEFINED = Map.ofEntries(
            Map.entry("i_number_double_huge_neg_exp.json", "ACCEPT BigDecimal"),
            Map.entry("i_number_huge_exp.json", "ERR_JSON_LIMIT"),
            Map.entry("i_number_neg_int_huge_exp.json", "ACCEPT BigDecimal"),
            Map.entry("i_number_pos_double_huge_exp.json", "ACCEPT BigDecimal"),
            Map.entry("i_number_real_neg_overflow.json", "ACCEPT BigDecimal"),
            Map.entry("i_number_real_pos_overflow.json", "ACCEPT BigDecimal"),
            Map.entry("i_number_real_underflow.json", "ACCEPT BigDecimal"),
            Map.entry("i_number_too_big_neg_int.json", "ACCEPT BigInteger"),
            Map.entry("i_number_too_big_pos_int.json", "ACCEPT BigInteger"),
            Map.entry("i_number_very_big_negative_int.json", "ACCEPT BigInteger"),
            Map.entry("i_object_key_lone_2nd_surrogate.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_1st_surrogate_but_2nd_missing.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_1st_valid_surrogate_2nd_invalid.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_UTF-16LE_with_BOM.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_UTF-8_invalid_sequence.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_UTF8_surrogate_U+D800.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_incomplete_surrogate_and_escape_valid.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_incomplete_surrogate_pair.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_incomplete_surrogates_escape_valid.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_invalid_lonely_surrogate.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_invalid_surrogate.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_invalid_utf-8.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_inverted_surrogates_U+1D11E.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_iso_latin_1.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_lone_second_surrogate.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_lone_utf8_continuation_byte.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_not_in_unicode_range.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_overlong_sequence_2_bytes.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_overlong_sequence_6_bytes.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_overlong_sequence_6_bytes_null.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_truncated-utf-8.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_utf16BE_no_BOM.json", "ERR_JSON_PARSE"),
            Map.entry("i_string_utf16LE_no_BOM.json", "ERR_JSON_PARSE"),
            Map.entry("i_structure_500_nested_arrays.json", "ACCEPT ArrayList"),
            Map.entry("i_structure_UTF-8_BOM_empty_object.json", "ACCEPT"));

    /** Valid JSON that strict mode rejects on purpose: RFC 8259 leaves duplicate keys' meaning undefined. */
    static final List<String> STRICT_REJECTS_VALID = List.of("y_object_duplicated_key.json",
            "y_object_duplicated_key_and_value.json");

    @TestFactory
    Stream<DynamicTest> everyFileGetsItsVerdict() {
        return Corpus.files().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> verdict(f)));
    }

    @TestFactory
    Stream<DynamicTest> everyValidFileRoundTrips() {
        return Corpus.files().stream()
                .filter(f -> f.getFileName().toString().startsWith("y_"))
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                    ParseOptions options = ParseOptions.strict().withDuplicateKeys(DuplicateKeys.KEEP_LAST);
                    Object once = Json.parse(Corpus.read(f), options);
                    assertEquals(once, Json.parse(Json.stringify(once), options));
                    assertEquals(once, Json.parse(Json.stringify(once, StringifyOptions.pretty()), options));
                    assertEquals(once, Json.parse(Json.stringifyToBytes(once,
                            StringifyOptions.defaults().withEscapeNonAscii(true)), options));
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyImplementationDefinedFileHasADecision() {
        return Corpus.files().stream()
                .filter(f -> f.getFileName().toString().startsWith("i_"))
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> assertEquals(true,
                        IMPLEMENTATION_DEFINED.containsKey(f.getFileName().toString()), "no decision recorded")));
    }

    private static void verdict(Path file) {
        String name = file.getFileName().toString();
        byte[] input = Corpus.read(file);
        if (name.startsWith("n_")) {
            assertThrows(JsonException.class, () -> Json.parse(input));
        } else if (STRICT_REJECTS_VALID.contains(name)) {
            JsonException e = assertThrows(JsonException.class, () -> Json.parse(input));
            assertEquals("ERR_JSON_DUPLICATE_KEY", e.code());
            assertInstanceOf(Map.class, Json.parse(input, ParseOptions.lenient()));
        } else if (name.startsWith("y_")) {
            Json.parse(input);
        } else {
            String expected = IMPLEMENTATION_DEFINED.get(name);
            if (expected.startsWith("ACCEPT")) {
                Object value = Json.parse(input);
                if (expected.contains(" ")) {
                    Class<?> type = switch (expected.substring(7)) {
                        case "BigDecimal" -> BigDecimal.class;
                        case "BigInteger" -> BigInteger.class;
                        default -> java.util.ArrayList.class;
                    };
                    assertInstanceOf(type, ((List<?>) value).get(0));
                }
            } else {
                assertEquals(expected, assertThrows(JsonException.class, () -> Json.parse(input)).code());
            }
        }
    }
}
