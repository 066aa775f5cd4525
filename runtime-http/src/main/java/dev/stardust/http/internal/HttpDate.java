package dev.stardust.http.internal;

import io.netty.handler.codec.DateFormatter;
import io.netty.util.AsciiString;
import java.util.Date;

/**
 * The {@code Date} header value as RFC 9110's IMF-fixdate ({@code Thu, 03 Dec 2026 10:00:00 GMT}: two-digit day),
 * formatted at most once per second and shared by every loop.
 */
final class HttpDate {
    private static volatile Stamp current = new Stamp(-1, AsciiString.EMPTY_STRING);

    private HttpDate() {
    }

    static AsciiString now() {
        long second = System.currentTimeMillis() / 1000;
        Stamp stamp = current;
        if (stamp.second != second) {
            stamp = new Stamp(second, format(second));
            current = stamp;
        }
        return stamp.value;
    }

    /** The IMF-fixdate of {@code epochSecond}. */
    static AsciiString format(long epochSecond) {
        // Netty's formatter writes the fixed-width form; the JDK's RFC_1123_DATE_TIME writes one-digit days.
        return AsciiString.cached(DateFormatter.format(new Date(epochSecond * 1000)));
    }

    private record Stamp(long second, AsciiString value) {
    }
}
