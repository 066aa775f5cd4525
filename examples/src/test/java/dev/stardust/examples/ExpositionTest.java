package dev.stardust.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exposition writer: escaping, both formats' shapes, and content negotiation as Prometheus does it. */
class ExpositionTest {

    private static String write(Exposition.Format format, Map<String, String> constLabels) {
        Exposition e = new Exposition(format, Exposition.renderLabels(constLabels), new StringBuilder());
        e.counter("demo_events_total", "Events seen.").sample("demo_events_total").label("path", "C:\\dir\n\"x\"")
                .value(3);
        e.gauge("demo_load", "A \"quoted\" help\\text\nover two lines.").sample("demo_load").value(0.25);
        e.sample("demo_load").label("cpu", "1").hundredths(12345);
        e.sample("demo_load").label("cpu", "2").hundredths(700);
        e.sample("demo_load").label("cpu", "3").hundredths(5);
        e.finish();
        return e.out().toString();
    }

    @Test
    void labelValuesEscapeBackslashQuoteAndNewline() {
        StringBuilder b = new StringBuilder();
        Exposition.escapeLabelValue("a\\b\"c\nd\te", b);
        assertEquals("a\\\\b\\\"c\\nd\te", b.toString());
    }

    @Test
    void theTextFormatNamesCountersWithTotalAndHasNoEof() {
        assertEquals("""
                # HELP demo_events_total Events seen.
                # TYPE demo_events_total counter
                demo_events_total{path="C:\\\\dir\\n\\"x\\""} 3
                # HELP demo_load A "quoted" help\\\\text\\nover two lines.
                # TYPE demo_load gauge
                demo_load 0.25
                demo_load{cpu="1"} 123.45
                demo_load{cpu="2"} 7
                demo_load{cpu="3"} 0.05
                """, write(Exposition.Format.TEXT, Map.of()));
    }

    @Test
    void openMetricsNamesTheCounterFamilyWithoutTotalEscapesQuotesInHelpAndEndsWithEof() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("env", "prod \"eu\"");
        labels.put("dc", "a\\b");
        assertEquals("""
                # HELP demo_events Events seen.
                # TYPE demo_events counter
                demo_events_total{env="prod \\"eu\\"",dc="a\\\\b",path="C:\\\\dir\\n\\"x\\""} 3
                # HELP demo_load A \\"quoted\\" help\\\\text\\nover two lines.
                # TYPE demo_load gauge
                demo_load{env="prod \\"eu\\"",dc="a\\\\b"} 0.25
                demo_load{env="prod \\"eu\\"",dc="a\\\\b",cpu="1"} 123.45
                demo_load{env="prod \\"eu\\"",dc="a\\\\b",cpu="2"} 7
                demo_load{env="prod \\"eu\\"",dc="a\\\\b",cpu="3"} 0.05
                # EOF
                """, write(Exposition.Format.OPENMETRICS, labels));
    }

    @Test
    void specialFloatsAreSpelledAsBothFormatsWant() {
        Exposition e = new Exposition(Exposition.Format.TEXT, "", new StringBuilder());
        e.sample("a").value(Double.NaN);
        e.sample("b").value(Double.POSITIVE_INFINITY);
        e.sample("c").value(Double.NEGATIVE_INFINITY);
        e.sample("d").value(1e20);
        assertEquals("a NaN\nb +Inf\nc -Inf\nd 1.0E20\n", e.out().toString());
    }

    @Test
    void negotiationFollowsTheAcceptHeaderAsPrometheusSendsIt() {
        // What Prometheus 2.42 sends by default.
        assertEquals(Exposition.Format.OPENMETRICS, Exposition.negotiate("application/openmetrics-text;version=1.0.0,"
                + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"));
        // Prometheus with scrape_classic... or an older one: text first.
        assertEquals(Exposition.Format.TEXT, Exposition.negotiate("text/plain;version=0.0.4;q=1,"
                + "application/openmetrics-text;version=1.0.0;q=0.5"));
        assertEquals(Exposition.Format.OPENMETRICS, Exposition.negotiate(
                "text/plain;version=0.0.4;q=0.3, application/openmetrics-text; version=1.0.0; q=0.9"));
        assertEquals(Exposition.Format.TEXT, Exposition.negotiate("application/openmetrics-text;version=2.0.0"));
        assertEquals(Exposition.Format.TEXT, Exposition.negotiate("application/openmetrics-text;q=0"));
        assertEquals(Exposition.Format.TEXT, Exposition.negotiate("*/*"));
        assertEquals(Exposition.Format.TEXT, Exposition.negotiate(""));
    }
}
