package dev.stardust.json.internal;

import java.math.BigDecimal;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.io.NumberOutput;

/**
 * Turns number tokens into Java numbers that keep their value: integers as {@code Long}, or {@code BigInteger}
 * beyond 64 bits; decimals as {@code Double} when the double's shortest decimal form has the same value as the
 * input, else {@code BigDecimal}. The common case (at most 15 significant digits, normal range) is decided from
 * the token's characters; longer decimals by comparing them with the double's shortest form (Schubfach), digit by
 * digit. A {@code BigDecimal} is made only for the value that needs one.
 */
final class Numbers {
    private Numbers() {}

    static Object integer(JsonParser p) {
        return switch (p.getNumberType()) {
            case INT, LONG -> p.getLongValue();
            default -> p.getBigIntegerValue();
        };
    }

    static Object decimal(JsonParser p, TreeBuilder builder) {
        char[] cs = p.getStringCharacters();
        int off = p.getStringOffset();
        int len = p.getStringLength();
        if (fitsDouble(cs, off, len)) {
            return p.getDoubleValue();
        }
        // the double first, from the text: asked after the BigDecimal, jackson would convert that (slowly) instead
        double d = p.getDoubleValue();
        if (!Double.isInfinite(d) && d != 0.0
                && ShortestDecimal.sameValue(cs, off, off + len, NumberOutput.toString(d, true))) {
            return d;
        }
        BigDecimal exact;
        try {
            exact = p.getDecimalValue();
        } catch (NumberFormatException | JacksonException e) {
            // BigDecimal's scale is an int: an exponent beyond about 2^31 has no Java representation
            throw Errors.at("ERR_JSON_LIMIT", "number out of range: exponent too large", p.currentTokenLocation(),
                    builder.path(), builder.window());
        }
        return exact.signum() == 0 ? d : exact;
    }

    /** True when the literal has at most 15 significant digits and a decimal exponent well inside double's range. */
    private static boolean fitsDouble(char[] cs, int off, int len) {
        int end = off + len;
        if (len <= 16) { // at most 15 digits besides the point (and sign): only an exponent could take it out of range
            int k = off;
            while (k < end && cs[k] != 'e' && cs[k] != 'E') {
                k++;
            }
            if (k == end) {
                return true;
            }
        }
        int i = off;
        if (i < end && cs[i] == '-') {
            i++;
        }
        int significant = 0;
        int magnitude = 0; // decimal exponent of the first significant digit, before the explicit exponent
        boolean seenNonZero = false;
        boolean afterPoint = false;
        for (; i < end; i++) {
            char c = cs[i];
            if (c == '.') {
                afterPoint = true;
            } else if (c == 'e' || c == 'E') {
                break;
            } else if (c != '0' || seenNonZero) {
                if (!seenNonZero) {
                    seenNonZero = true;
                    magnitude = afterPoint ? magnitude - 1 : 0;
                } else if (!afterPoint) {
                    magnitude++;
                }
                if (++significant > 15) {
                    return false;
                }
            } else if (afterPoint) {
                magnitude--;
            }
        }
        if (!seenNonZero) {
            return true; // zero, with its sign
        }
        if (i < end) {
            int j = i + 1;
            boolean negative = false;
            if (j < end && (cs[j] == '+' || cs[j] == '-')) {
                negative = cs[j] == '-';
                j++;
            }
            if (end - j > 4) {
                return false;
            }
            int exp = 0;
            for (; j < end; j++) {
                exp = exp * 10 + (cs[j] - '0');
            }
            magnitude += negative ? -exp : exp;
        }
        return magnitude > -300 && magnitude < 300;
    }
}
