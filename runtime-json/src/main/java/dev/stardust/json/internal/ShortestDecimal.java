package dev.stardust.json.internal;

/**
 * Whether a JSON number literal has exactly the value of a double's shortest decimal form (as jackson's Schubfach
 * writer gives it, {@code 1.2345E-7} style), compared digit by digit: same sign, same significant digits once
 * leading and trailing zeros are gone, same decimal exponent. This decides "Double or BigDecimal" for long
 * literals without making a {@code BigDecimal}.
 */
final class ShortestDecimal {
    private ShortestDecimal() {}

    /** True when {@code literal[from, to)} and {@code shortest} are the same decimal value. */
    static boolean sameValue(char[] literal, int from, int to, String shortest) {
        char[] other = shortest.toCharArray();
        long a = form(literal, from, to);
        long b = form(other, 0, other.length);
        if (a == Long.MIN_VALUE || a != b) {
            return false; // sign, digit count or exponent differ (or the exponent is out of reach)
        }
        int digits = (int) (a >>> 40) & 0x3fffff;
        return sameDigits(literal, firstSignificant(literal, from, to), other, firstSignificant(other, 0, other.length),
                digits);
    }

    /**
     * Sign, count of significant digits and decimal exponent of the first one, packed into a long, or
     * {@code Long.MIN_VALUE} for zero or an exponent too long to read.
     */
    private static long form(char[] cs, int from, int to) {
        int i = from;
        boolean negative = i < to && cs[i] == '-';
        if (negative) {
            i++;
        }
        int end = i;
        while (end < to && cs[end] != 'e' && cs[end] != 'E') {
            end++;
        }
        int point = end;
        int first = -1;
        int last = -1;
        for (int k = i; k < end; k++) {
            char c = cs[k];
            if (c == '.') {
                point = k;
            } else if (c != '0') {
                if (first < 0) {
                    first = k;
                }
                last = k;
            }
        }
        if (first < 0) {
            return Long.MIN_VALUE;
        }
        int digits = last - first + 1 - (first < point && point < last ? 1 : 0);
        long exponent = first < point ? point - first - 1 : -(first - point);
        if (end < to) {
            int k = end + 1;
            boolean minus = cs[k] == '-';
            if (cs[k] == '+' || minus) {
                k++;
            }
            if (to - k > 9) {
                return Long.MIN_VALUE;
            }
            int e = 0;
            for (; k < to; k++) {
                e = e * 10 + (cs[k] - '0');
            }
            exponent += minus ? -e : e;
        }
        return (negative ? 1L << 62 : 0) | ((long) digits << 40) | (exponent + (1L << 39));
    }

    /** The {@code count} significant digits of both, '.' skipped, are the same. */
    private static boolean sameDigits(char[] a, int i, char[] b, int j, int count) {
        for (int n = 0; n < count; i++, j++) {
            if (a[i] == '.') {
                i++;
            }
            if (b[j] == '.') {
                j++;
            }
            if (a[i] != b[j]) {
                return false;
            }
            n++;
        }
        return true;
    }

    private static int firstSignificant(char[] cs, int from, int to) {
        int i = from;
        while (i < to && (cs[i] == '-' || cs[i] == '0' || cs[i] == '.')) {
            i++;
        }
        return i;
    }
}
