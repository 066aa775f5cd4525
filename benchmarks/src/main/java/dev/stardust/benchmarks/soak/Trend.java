package dev.stardust.benchmarks.soak;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The upward-trend test of one metric: a least-squares line through the measured (post-warm-up) samples, failing
 * when the line rises both faster than {@code perHour} and by more than {@code floor} over the measured span.
 *
 * <p>Two bounds, because a rate alone cannot serve a two-minute and a one-hour run alike: over an hour the rate
 * bound decides (a small leak adds up), while over two minutes a one-megabyte step in resident memory (a JIT
 * compilation, a malloc arena) would extrapolate to 30 MB per hour; there the floor keeps noise from failing the
 * run and only a gross leak is caught. The bounds themselves are justified where the metrics are declared
 * ({@link SoakLoad#TRENDS}) and in benchmarks/RESULTS.md.
 *
 * <p>With a covariate (the machine's load average, for the timer lag) the slope is the time coefficient of a
 * least-squares fit of {@code value = a + b * time + c * covariate}: the drift over time that the other work on a
 * shared machine does not explain, so that builds starting next to the soak in its last minutes do not read as a
 * rising lag.
 */
record Trend(String name, String unit, ToDoubleFunction<Sample> value, double perHour, double floor,
        @Nullable ToDoubleFunction<Sample> covariate) {

    Trend(String name, String unit, ToDoubleFunction<Sample> value, double perHour, double floor) {
        this(name, unit, value, perHour, floor, null);
    }

    /** The fitted line's rise per hour and over the span, and whether it stays within the bounds. */
    record Fit(Trend trend, double slopePerHour, double rise, double first, double last) {
        boolean passed() {
            return slopePerHour <= trend.perHour() || rise <= trend.floor();
        }

        String line() {
            return String.format(Locale.ROOT, "%-14s %9.2f -> %9.2f %-4s fitted slope %+9.3f %s/h, rise %+8.3f %s"
                    + " (bounds: %.1f %s/h or %.1f %s) %s", trend.name(), first, last, trend.unit(), slopePerHour,
                    trend.unit(), rise, trend.unit(), trend.perHour(), trend.unit(), trend.floor(), trend.unit(),
                    passed() ? "ok" : "RISING");
        }
    }

    Fit fit(List<Sample> samples) {
        int n = samples.size();
        double sx = 0;
        double sy = 0;
        for (Sample s : samples) {
            sx += s.seconds();
            sy += value.applyAsDouble(s);
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        for (Sample s : samples) {
            double dx = s.seconds() - mx;
            sxy += dx * (value.applyAsDouble(s) - my);
            sxx += dx * dx;
        }
        double slopePerSecond = sxx == 0 ? 0 : sxy / sxx;
        if (covariate != null) {
            slopePerSecond = controlled(samples, mx, my, covariate);
        }
        double span = samples.get(n - 1).seconds() - samples.get(0).seconds();
        return new Fit(this, slopePerSecond * 3600, slopePerSecond * span, value.applyAsDouble(samples.get(0)),
                value.applyAsDouble(samples.get(n - 1)));
    }

    /** The time coefficient of {@code value ~ time + covariate}, from the normal equations of the centred data. */
    private double controlled(List<Sample> samples, double mx, double my, ToDoubleFunction<Sample> cov) {
        double mc = samples.stream().mapToDouble(cov).average().orElse(0);
        double stt = 0;
        double stc = 0;
        double scc = 0;
        double sty = 0;
        double scy = 0;
        for (Sample s : samples) {
            double t = s.seconds() - mx;
            double c = cov.applyAsDouble(s) - mc;
            double y = value.applyAsDouble(s) - my;
            stt += t * t;
            stc += t * c;
            scc += c * c;
            sty += t * y;
            scy += c * y;
        }
        double det = stt * scc - stc * stc;
        // a covariate that does not vary (or varies exactly with time) explains nothing apart: plain slope
        return Math.abs(det) < 1e-9 * Math.max(1, stt * scc) ? (stt == 0 ? 0 : sty / stt) : (sty * scc - scy * stc) / det;
    }
}
