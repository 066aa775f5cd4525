package dev.stardust.json.internal;

/**
 * Writes the doubles most JSON carries (prices, scores, coordinates: few decimal places, between 0.001 and 10^7)
 * without allocating, in exactly the form jackson's Schubfach writer and Java 19's {@code Double.toString} give.
 * A double {@code d} is written as {@code m / 10^k} for the smallest {@code k} that gives it back exactly: that is
 * its shortest decimal, which is what they choose. Anything else is left to jackson (which allocates a string).
 */
final class PlainDoubles {
    /** The most decimal places tried. */
    private static final int MAX_PLACES = 8;
    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    private static final long[] LONG_POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000};

    private PlainDoubles() {}

    /**
     * Writes {@code d} into {@code out} (at least 32 characters) and returns the length, or -1 when it is not a
     * plain double of this kind.
     */
    static int write(double d, char[] out) {
        double abs = Math.abs(d);
        if (!(abs >= 1e-3 && abs < 1e7)) { // also NaN, infinities and both zeros
            return -1;
        }
        for (int k = 0; k <= MAX_PLACES; k++) {
            double scaled = abs * POW10[k];
            if (scaled >= 0x1p53) {
                return -1;
            }
            long m = Math.round(scaled);
            // m and 10^k are exact doubles, so the division is the correctly rounded value of the decimal m / 10^k
            if (m / POW10[k] == abs) {
                return format(d < 0, m, k, out);
            }
        }
        return -1;
    }

    private static int format(boolean negative, long m, int places, char[] out) {
        int n = 0;
        if (negative) {
            out[n++] = '-';
        }
        long integer = m / LONG_POW10[places];
        long fraction = m % LONG_POW10[places];
        n = digits(integer, out, n);
        out[n++] = '.';
        if (places == 0) {
            out[n++] = '0';
            return n;
        }
        for (long p = LONG_POW10[places - 1]; p > 0; p /= 10) {
            out[n++] = (char) ('0' + fraction / p % 10);
        }
        return n;
    }

    private static int digits(long v, char[] out, int at) {
        int len = 1;
        while (len < LONG_POW10.length && v >= LONG_POW10[len]) {
            len++;
        }
        for (int i = at + len - 1; i >= at; i--) {
            out[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return at + len;
    }
}
