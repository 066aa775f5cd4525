package dev.stardust.benchmarks.ws;

/**
 * Counts of non-negative values (nanoseconds) in log-linear buckets, HdrHistogram's layout in a page: exact below
 * 256, then 128 buckets per power of two, so any value is reported within 1/128 (0.8%) of what was recorded, in a
 * fixed array of ~60 KB whatever the range. Written here rather than adding a dependency for one class. Not
 * thread-safe: one per load-generator thread.
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 8;
    private static final int SUB = 1 << SUB_BITS;
    private static final int HALF = SUB >> 1;
    private final long[] counts = new long[SUB + (63 - SUB_BITS + 1) * HALF];
    private long total;
    private long max;

    /** Records one value; a negative one (a clock that went back) counts as 0. */
    void record(long value) {
        long v = Math.max(0, value);
        counts[index(v)]++;
        total++;
        max = Math.max(max, v);
    }

    /** How many values were recorded. */
    long count() {
        return total;
    }

    /** The largest value recorded, exactly. */
    long max() {
        return max;
    }

    /**
     * The value below or at which {@code percentile} percent of the recorded values fall, reported as the highest
     * value of its bucket (as HdrHistogram does); 0 when nothing was recorded.
     */
    long percentile(double percentile) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(highest(i), max);
            }
        }
        return max;
    }

    /** Forgets everything recorded. */
    void reset() {
        java.util.Arrays.fill(counts, 0);
        total = 0;
        max = 0;
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - (SUB_BITS - 1);
        int top = (int) (v >>> shift);
        return SUB + (shift - 1) * HALF + (top - HALF);
    }

    /** The highest value that lands in bucket {@code index}. */
    static long highest(int index) {
        if (index < SUB) {
            return index;
        }
        int shift = (index - SUB) / HALF + 1;
        long top = HALF + (index - SUB) % HALF;
        return ((top + 1) << shift) - 1;
    }
}
