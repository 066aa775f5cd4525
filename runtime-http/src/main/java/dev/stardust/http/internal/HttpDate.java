package dev.stardust.http.internal;

import io.netty.util.AsciiString;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The {@code Date} header value, formatted at most once per second and shared by every loop. */
final class HttpDate {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static volatile Stamp current = new Stamp(-1, AsciiString.EMPTY_STRING);

    private HttpDate() {
    }

    static AsciiString now() {
        long millis = System.currentTimeMillis();
        long second = millis / 1000;
        Stamp stamp = current;
        if (stamp.second != second) {
            stamp = new Stamp(second, AsciiString.cached(FORMAT.format(Instant.ofEpochSecond(second))));
            current = stamp;
        }
        return stamp.value;
    }

    private record Stamp(long second, AsciiString value) {
    }
}
