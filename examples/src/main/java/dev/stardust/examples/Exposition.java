package dev.stardust.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes metrics in Prometheus's text exposition format 0.0.4 or in OpenMetrics 1.0.0, the two formats a
 * Prometheus server asks for, into a {@link StringBuilder}: a family header ({@code # HELP}, {@code # TYPE}), then
 * its samples, {@code name{label="value"} value}, every family contiguous. Label values are escaped as both formats
 * require (backslash, double quote, newline); the constant labels given at construction go on every sample. In
 * OpenMetrics a counter's family is named without its {@code _total} suffix and the text ends with {@code # EOF}.
 * Not thread-safe: one scrape writes one instance.
 */
final class Exposition {

    /** The two formats, with the content type each is served with. */
    enum Format {
        /** Prometheus's text format, what {@code curl} and older scrapers get. */
        TEXT("text/plain; version=0.0.4; charset=utf-8"),
        /** OpenMetrics 1.0.0, what Prometheus asks for first. */
        OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8");

        private final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        /** The Content-Type header for a response in this format. */
        String contentType() {
            return contentType;
        }
    }

    /** Family header lines by family name, per format. */
    @SuppressWarnings("unchecked")
    private static final Map<String, String>[] HEADERS = new Map[] {new java.util.concurrent.ConcurrentHashMap<>(),
        new java.util.concurrent.ConcurrentHashMap<>()};

    private final Format format;
    private final StringBuilder out;
    /** The constant labels, already rendered as {@code a="x",b="y"}; empty for none. */
    private final String constLabels;
    private boolean labelsOpen;
    private boolean anyLabel;

    Exposition(Format format, String constLabels, StringBuilder out) {
        this.format = format;
        this.constLabels = constLabels;
        this.out = out;
    }

    /** The builder written to. */
    StringBuilder out() {
        return out;
    }

    /** {@code labels} rendered once, to be passed to every {@link Exposition} of the agent's life. */
    static String renderLabels(Map<String, String> labels) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(e.getKey()).append("=\"");
            escapeLabelValue(e.getValue(), b);
            b.append('"');
        }
        return b.toString();
    }

    /** Starts a counter family; {@code name} ends with {@code _total}, as its samples are named. */
    Exposition counter(String name, String help) {
        String family = format == Format.OPENMETRICS && name.endsWith("_total")
                ? name.substring(0, name.length() - 6) : name;
        return family(family, "counter", help);
    }

    /** Starts a gauge family. */
    Exposition gauge(String name, String help) {
        return family(name, "gauge", help);
    }

    private Exposition family(String name, String type, String help) {
        // A family's help and type never change: its two header lines are escaped once per format and reused, which
        // in the interpreted low-footprint profile saves most of a scrape's per-character work.
        Map<String, String> cache = HEADERS[format.ordinal()];
        String header = cache.get(name);
        if (header == null) {
            StringBuilder b = new StringBuilder("# HELP ").append(name).append(' ');
            escapeHelp(help, format == Format.OPENMETRICS, b);
            header = b.append("\n# TYPE ").append(name).append(' ').append(type).append('\n').toString();
            cache.put(name, header);
        }
        out.append(header);
        return this;
    }

    /** Starts a sample of the current family; follow with {@link #label} calls and one {@code value} call. */
    Exposition sample(String name) {
        out.append(name);
        if (!constLabels.isEmpty()) {
            out.append('{').append(constLabels);
            labelsOpen = true;
            anyLabel = true;
        } else {
            labelsOpen = false;
            anyLabel = false;
        }
        return this;
    }

    /** Adds a label to the sample being written; the value is escaped. */
    Exposition label(String name, String value) {
        if (!labelsOpen) {
            out.append('{');
            labelsOpen = true;
        }
        if (anyLabel) {
            out.append(',');
        }
        out.append(name).append("=\"");
        escapeLabelValue(value, out);
        out.append('"');
        anyLabel = true;
        return this;
    }

    /** Ends the sample with an integer value. */
    void value(long value) {
        closeLabels();
        out.append(value).append('\n');
    }

    /** Ends the sample with a floating-point value ({@code NaN}, {@code +Inf}, {@code -Inf} as both formats spell them). */
    void value(double value) {
        closeLabels();
        if (Double.isNaN(value)) {
            out.append("NaN");
        } else if (Double.isInfinite(value)) {
            out.append(value > 0 ? "+Inf" : "-Inf");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(value);
        }
        out.append('\n');
    }

    /** Ends the sample with hundredths ({@code 12345} is {@code 123.45}): CPU ticks of Linux's 100 Hz clock as seconds. */
    void hundredths(long value) {
        closeLabels();
        if (value < 0) {
            out.append('-');
            value = -value;
        }
        out.append(value / 100);
        long rest = value % 100;
        if (rest != 0) {
            out.append('.').append((char) ('0' + rest / 10));
            if (rest % 10 != 0) {
                out.append((char) ('0' + rest % 10));
            }
        }
        out.append('\n');
    }

    /** Ends the sample with a value copied as written, e.g. a load average read from {@code /proc/loadavg}. */
    void literal(CharSequence number) {
        closeLabels();
        out.append(number).append('\n');
    }

    private void closeLabels() {
        if (labelsOpen) {
            out.append('}');
            labelsOpen = false;
        }
        out.append(' ');
    }

    /** Ends the exposition: OpenMetrics's {@code # EOF} line; nothing in the text format. */
    void finish() {
        if (format == Format.OPENMETRICS) {
            out.append("# EOF\n");
        }
    }

    /** Escapes a label value as both formats require: {@code \} as {@code \\}, {@code "} as {@code \"}, newline as {@code \n}. */
    static void escapeLabelValue(String value, StringBuilder out) {
        int first = 0;
        while (first < value.length() && value.charAt(first) != '\\' && value.charAt(first) != '"'
                && value.charAt(first) != '\n') {
            first++;
        }
        if (first == value.length()) {
            out.append(value); // the common case: nothing to escape, one bulk copy
            return;
        }
        out.append(value, 0, first);
        for (int i = first; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    /** Escapes HELP text: backslash and newline, and in OpenMetrics the double quote too. */
    static void escapeHelp(String help, boolean openMetrics, StringBuilder out) {
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '"' -> out.append(openMetrics ? "\\\"" : "\"");
                default -> out.append(c);
            }
        }
    }

    /**
     * The format to answer an {@code Accept} header with, as Prometheus's client library chooses: the media ranges by
     * falling quality, the first that is OpenMetrics (version 1.0.0, 0.0.1 or none) or the text format (0.0.4 or no
     * version) wins; anything else, or no header, gets the text format.
     */
    static Format negotiate(String accept) {
        if (accept == null || accept.isEmpty()) {
            return Format.TEXT;
        }
        record Range(String type, String version, double q, int order) {
        }
        List<Range> ranges = new ArrayList<>();
        String[] parts = accept.split(",");
        for (int i = 0; i < parts.length; i++) {
            String[] params = parts[i].split(";");
            String type = params[0].trim().toLowerCase(Locale.ROOT);
            String version = "";
            double q = 1;
            for (int p = 1; p < params.length; p++) {
                String param = params[p].trim();
                int eq = param.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = param.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = param.substring(eq + 1).trim();
                if (key.equals("version")) {
                    version = value;
                } else if (key.equals("q")) {
                    try {
                        q = Double.parseDouble(value);
                    } catch (NumberFormatException bad) {
                        q = 0;
                    }
                }
            }
            ranges.add(new Range(type, version, q, i));
        }
        ranges.sort((a, b) -> a.q != b.q ? Double.compare(b.q, a.q) : Integer.compare(a.order, b.order));
        for (Range r : ranges) {
            if (r.q <= 0) {
                continue;
            }
            if (r.type.equals("application/openmetrics-text")
                    && (r.version.isEmpty() || r.version.equals("1.0.0") || r.version.equals("0.0.1"))) {
                return Format.OPENMETRICS;
            }
            if (r.type.equals("text/plain") && (r.version.isEmpty() || r.version.equals("0.0.4"))) {
                return Format.TEXT;
            }
        }
        return Format.TEXT;
    }
}
