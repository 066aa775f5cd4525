package dev.stardust.dns.resolver;

import static dev.stardust.dns.resolver.ResolverOutcomes.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Promise;
import dev.stardust.StardustException;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The resolver against a real DNS server: dnsmasq on a loopback port, serving records this test configures. */
class DnsmasqResolverTest {
    private static final String BIG = "x".repeat(200);
    private static Dnsmasq dnsmasq;
    private static String server;

    @BeforeAll
    static void startDnsmasq() throws Exception {
        dnsmasq = Dnsmasq.start(List.of("--mx-host=mx.test,mail.test,10",
                "--txt-record=txt.test,hello world,second",
                "--txt-record=big.test," + BIG + "," + BIG + "," + BIG,
                "--srv-host=_sip._tcp.test,sip.test,5060,1,2",
                "--cname=alias.test,host.test",
                "--ptr-record=4.3.2.1.in-addr.arpa,ptr.test",
                "--caa-record=caa.test,0,issue,letsencrypt.org"));
        server = dnsmasq.server();
    }

    @AfterAll
    static void stopDnsmasq() throws Exception {
        if (dnsmasq != null) {
            dnsmasq.close();
        }
    }

    private static String ask(Function<Resolver, Promise<?>> call) {
        return outcome(ResolverOptions.defaults().withTries(1), server, call);
    }

    @Test
    void addressesWithAndWithoutTtls() {
        assertEquals("ok [10.0.0.1]", ask(r -> r.resolve4("host.test")));
        assertEquals("ok [fd00::1]", ask(r -> r.resolve6("host.test")));
        assertEquals("ok [RecordWithTtl[address=10.0.0.1, ttl=60]]", ask(r -> r.resolve4WithTtl("host.test")));
        assertEquals("ok [RecordWithTtl[address=fd00::1, ttl=60]]", ask(r -> r.resolve6WithTtl("host.test")));
    }

    @Test
    void mailTextServiceAndCaaRecords() {
        assertEquals("ok [MxRecord[priority=10, exchange=mail.test]]", ask(r -> r.resolveMx("mx.test")));
        assertEquals("ok [[hello world, second]]", ask(r -> r.resolveTxt("txt.test")));
        assertEquals("ok [SrvRecord[priority=1, weight=2, port=5060, name=sip.test]]",
                ask(r -> r.resolveSrv("_sip._tcp.test")));
        assertEquals("ok [CaaRecord[critical=0, tag=issue, value=letsencrypt.org]]", ask(r -> r.resolveCaa("caa.test")));
    }

    @Test
    void aliasesAndReverseLookups() {
        assertEquals("ok [host.test]", ask(r -> r.resolveCname("alias.test")));
        assertEquals("ok [10.0.0.1]", ask(r -> r.resolve4("alias.test")));
        assertEquals("ok [ptr.test]", ask(r -> r.resolvePtr("4.3.2.1.in-addr.arpa")));
        assertEquals("ok [ptr.test]", ask(r -> r.reverse("1.2.3.4")));
        assertEquals("ok [host.test]", ask(r -> r.reverse("fd00::1")));
        assertEquals("EINVAL", ask(r -> r.reverse("not-an-ip")));
    }

    @Test
    void theGenericResolveGivesWhatTheMethodOfItsTypeGives() {
        assertEquals("ok [10.0.0.1]", ask(r -> r.resolve("host.test")));
        assertEquals("ok [fd00::1]", ask(r -> r.resolve("host.test", RecordType.AAAA)));
        assertEquals("ok [MxRecord[priority=10, exchange=mail.test]]", ask(r -> {
            Promise<List<MxRecord>> typed = r.resolve("mx.test", RecordType.MX);
            return typed;
        }));
        assertEquals("ok [[hello world, second]]", ask(r -> r.resolve("txt.test", RecordType.of("TXT"))));
        assertEquals("ok [host.test]", ask(r -> r.resolve("alias.test", RecordType.of("CNAME"))));
        assertEquals("ENOTFOUND", ask(r -> r.resolve("nothing.test", RecordType.of("SRV"))));
        assertEquals("ENODATA", ask(r -> r.resolve("host.test", RecordType.of("CAA"))));
        for (String bad : List.of("mx", "BOGUS", "")) {
            StardustException e = assertThrows(StardustException.class, () -> RecordType.of(bad));
            assertEquals("ERR_INVALID_ARG_VALUE", e.code());
        }
    }

    @Test
    void aTruncatedAnswerFromARealServerComesWholeOverTcp() {
        assertEquals("ok [[" + BIG + ", " + BIG + ", " + BIG + "]]", ask(r -> r.resolveTxt("big.test")));
    }

    @Test
    void missingNamesAndMissingTypesHaveNodesCodes() {
        assertEquals("ENOTFOUND", ask(r -> r.resolve4("nothing.test")));
        assertEquals("ENODATA", ask(r -> r.resolveMx("host.test")));
    }

    @Test
    void soaAndAnyAndServers() {
        String soa = ask(r -> r.resolveSoa("test"));
        assertEquals("ENODATA", soa, "dnsmasq keeps no SOA for a --local domain");
        String any = ask(r -> r.resolveAny("host.test"));
        assertTrue(any.contains("AnyRecord[type=A, ttl=60, data=10.0.0.1]"), any);
        assertEquals("ok [127.0.0.1, 127.0.0.1:5353, ::1, ::1]",
                outcome(ResolverOptions.defaults(), server, r -> Promise.resolved(
                        r.setServers(List.of("127.0.0.1:53", "127.0.0.1:5353", "[::1]:53", "::1")).servers())));
        assertEquals("ok [127.0.0.1, [::1]:5353]", outcome(ResolverOptions.defaults(), server,
                r -> Promise.resolved(r.setServers(List.of("127.0.0.1", "[::1]:5353")).servers())));
    }
}
