package dev.stardust.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Date header is an IMF-fixdate (RFC 9110 section 5.6.7): fixed width, two-digit day, GMT. */
class HttpDateTest {
    @Test
    void aDayBelowTenHasTwoDigits() {
        long third = Instant.parse("2026-12-03T10:00:00Z").getEpochSecond();
        assertEquals("Thu, 03 Dec 2026 10:00:00 GMT", HttpDate.format(third).toString());
    }

    @Test
    void rfc9110sExampleFormatsAsWritten() {
        long example = Instant.parse("1994-11-06T08:49:37Z").getEpochSecond();
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(example).toString());
    }

    @Test
    void nowHasTheFixedWidthForm() {
        String now = HttpDate.now().toString();
        assertEquals(29, now.length(), now);
        assertTrue(now.matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"), now);
    }
}
