package dev.stardust.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stardust.dns.LookupAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order Happy Eyeballs tries addresses in (RFC 8305 section 4). */
class DialerTest {
    private static List<String> order(LookupAddress... found) {
        return Dialer.interleave(List.of(found)).stream().map(LookupAddress::address).toList();
    }

    @Test
    void theFirstFamilyLeadsAndTheFamiliesTakeTurns() {
        assertEquals(List.of("::1", "10.0.0.1", "::2", "10.0.0.2", "::3"), order(new LookupAddress("::1", 6),
                new LookupAddress("::2", 6), new LookupAddress("::3", 6), new LookupAddress("10.0.0.1", 4),
                new LookupAddress("10.0.0.2", 4)));
        assertEquals(List.of("10.0.0.1", "::1", "10.0.0.2"), order(new LookupAddress("10.0.0.1", 4),
                new LookupAddress("10.0.0.2", 4), new LookupAddress("::1", 6)));
        assertEquals(List.of("10.0.0.1"), order(new LookupAddress("10.0.0.1", 4)));
    }
}
