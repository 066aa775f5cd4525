package dev.stardust.benchmarks.soak;

import java.util.List;
import java.util.Locale;

/**
 * The soak's SVG: one small chart per trended metric over time, the warm-up shaded, the samples as a line and the
 * fitted line over the measured part in red (dashed when within bounds). Plain SVG, no dependency.
 */
final class SoakChart {
    private static final int WIDTH = 760;
    private static final int PANEL = 150;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 30;

    private SoakChart() {
    }

    static String svg(String title, List<Sample> all, List<Trend.Fit> fits, double warmupEnd) {
        int height = TOP + fits.size() * (PANEL + 40) + 20;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                + "<text x=\"%d\" y=\"18\" font-size=\"14\" font-weight=\"bold\">%s</text>%n", WIDTH, height, LEFT,
                escape(title)));
        double t0 = all.get(0).seconds();
        double t1 = Math.max(t0 + 1, all.get(all.size() - 1).seconds());
        for (int p = 0; p < fits.size(); p++) {
            panel(svg, all, fits.get(p), TOP + p * (PANEL + 40) + 20, t0, t1, warmupEnd);
        }
        return svg.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder svg, List<Sample> all, Trend.Fit fit, int y0, double t0, double t1,
            double warmupEnd) {
        Trend trend = fit.trend();
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (Sample s : all) {
            double v = trend.value().applyAsDouble(s);
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        lo = Math.min(0, lo);
        hi = hi <= lo ? lo + 1 : hi * 1.1;
        double plotW = WIDTH - LEFT - RIGHT;
        double yMin = lo;
        double yMax = hi;
        java.util.function.DoubleUnaryOperator x = t -> LEFT + (t - t0) / (t1 - t0) * plotW;
        java.util.function.DoubleUnaryOperator y = v -> y0 + PANEL - (v - yMin) / (yMax - yMin) * PANEL;
        String title = Double.isInfinite(trend.perHour())
                ? String.format(Locale.ROOT, "%s (%s): the machine's other work, context, not judged", trend.name(),
                        trend.unit())
                : String.format(Locale.ROOT, "%s (%s): fitted %+.3f %s/h, %+.3f %s over the measured part: %s",
                        trend.name(), trend.unit(), fit.slopePerHour(), trend.unit(), fit.rise(), trend.unit(),
                        fit.passed() ? "flat" : "RISING");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", LEFT, y0 - 6,
                escape(title)));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#eee\"/>%n",
                x.applyAsDouble(t0), y0, x.applyAsDouble(warmupEnd) - x.applyAsDouble(t0), PANEL));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"none\""
                + " stroke=\"#999\"/>%n", LEFT, y0, plotW, PANEL));
        for (double v : new double[] {yMin, (yMin + yMax) / 2, yMax}) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.4g</text>%n",
                    LEFT - 4, y.applyAsDouble(v) + 4, v));
        }
        for (int i = 0; i <= 4; i++) {
            double t = t0 + (t1 - t0) * i / 4;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x.applyAsDouble(t), y0 + PANEL + 13, clock(t - t0)));
        }
        StringBuilder points = new StringBuilder();
        for (Sample s : all) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(s.seconds()),
                    y.applyAsDouble(trend.value().applyAsDouble(s))));
        }
        svg.append("<polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.2\" points=\"")
                .append(points.toString().trim()).append("\"/>\n");
        // the fitted line through the measured samples: value at the mean time plus slope times the distance
        List<Sample> measured = all.stream().filter(Sample::measured).toList();
        if (measured.size() >= 2) {
            double mt = measured.stream().mapToDouble(Sample::seconds).average().orElse(0);
            double mv = measured.stream().mapToDouble(trend.value()).average().orElse(0);
            double slope = fit.slopePerHour() / 3600;
            double ta = measured.get(0).seconds();
            double tb = measured.get(measured.size() - 1).seconds();
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c0392b\""
                    + " stroke-width=\"1.5\"%s/>%n", x.applyAsDouble(ta), y.applyAsDouble(mv + slope * (ta - mt)),
                    x.applyAsDouble(tb), y.applyAsDouble(mv + slope * (tb - mt)),
                    fit.passed() ? " stroke-dasharray=\"6,3\"" : ""));
        }
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
