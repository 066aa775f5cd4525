package dev.stardust.dns.resolver;

import static dev.stardust.dns.resolver.FakeDnsServer.a;
import static dev.stardust.dns.resolver.FakeDnsServer.id;
import static dev.stardust.dns.resolver.FakeDnsServer.question;
import static dev.stardust.dns.resolver.FakeDnsServer.questionFor;
import static dev.stardust.dns.resolver.FakeDnsServer.response;
import static dev.stardust.dns.resolver.ResolverOutcomes.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.stardust.Promise;
import dev.stardust.dns.resolver.FakeDnsServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search list and {@code ndots} of a {@code resolv.conf} given to the resolver, against dnsmasq serving
 * {@code .test} (and an empty {@code .corp}), and against a fake server for the failures that end a search.
 */
class ResolverSearchTest {
    @TempDir
    static Path dir;
    private static Dnsmasq dnsmasq;

    @BeforeAll
    static void startDnsmasq() throws Exception {
        dnsmasq = Dnsmasq.start(List.of("--local=/corp/",
                "--host-record=web.corp.test,10.0.0.2",
                "--host-record=db.test,10.0.0.3",
                "--host-record=host.test.corp.test,10.0.0.9"));
    }

    @AfterAll
    static void stopDnsmasq() throws Exception {
        if (dnsmasq != null) {
            dnsmasq.close();
        }
    }

    private static ResolverOptions conf(String name, String text) throws Exception {
        Path file = Files.writeString(dir.resolve(name), text);
        return ResolverOptions.defaults().withTries(1).withCache(false).withResolvConf(file);
    }

    private static String ask(ResolverOptions options, Function<Resolver, Promise<?>> call) {
        return outcome(options, dnsmasq.server(), call);
    }

    @Test
    void aNameWithFewerDotsThanNdotsTriesTheSearchDomainsFirst() throws Exception {
        ResolverOptions ndots2 = conf("ndots2", "search corp.test test\noptions ndots:2\n").withSearch(true);
        assertEquals("ok [10.0.0.2]", ask(ndots2, r -> r.resolve4("web")), "web.corp.test, the first domain");
        assertEquals("ok [10.0.0.3]", ask(ndots2, r -> r.resolve4("db")), "db.corp.test is missing: db.test");
        assertEquals("ok [10.0.0.9]", ask(ndots2, r -> r.resolve4("host.test")), "host.test.corp.test before host.test");
        assertEquals("ok [fd00::1]", ask(ndots2, r -> r.resolve6("host")), "host.test, the second domain");
    }

    @Test
    void aNameWithEnoughDotsIsAskedAsItIsFirstThenWithTheDomains() throws Exception {
        ResolverOptions ndots1 = conf("ndots1", "domain ignored.example\nsearch corp.test test\n").withSearch(true);
        assertEquals("ok [10.0.0.1]", ask(ndots1, r -> r.resolve4("host.test")), "host.test as it is");
        assertEquals("ok [10.0.0.2]", ask(ndots1, r -> r.resolve4("web.corp")), "web.corp is missing: web.corp.test");
    }

    @Test
    void aTrailingDotMakesANameAbsolute() throws Exception {
        ResolverOptions ndots2 = conf("absolute", "search corp.test\noptions ndots:2\n").withSearch(true);
        assertEquals("ok [10.0.0.1]", ask(ndots2, r -> r.resolve4("host.test.")));
        assertEquals("ENOTFOUND", ask(ndots2, r -> r.resolve4("web.corp.")), "never web.corp.corp.test");
    }

    @Test
    void aMissingNameEverywhereIsEnotfoundAndAMissingTypeEnodata() throws Exception {
        ResolverOptions ndots2 = conf("missing", "search corp.test test\noptions ndots:2\n").withSearch(true);
        assertEquals("ENOTFOUND", ask(ndots2, r -> r.resolve4("nothing.test")));
        assertEquals("ENODATA", ask(ndots2, r -> r.resolveMx("host.test")), "host.test.corp.test has no MX");
    }

    @Test
    void withoutSearchNamesAreAskedAsTheyAreAsNodeDoes() throws Exception {
        ResolverOptions off = conf("off", "search corp.test test\noptions ndots:2\n");
        assertEquals("ok [10.0.0.1]", ask(off, r -> r.resolve4("host.test")));
        assertNotEquals("ok [10.0.0.2]", ask(off, r -> r.resolve4("web.corp")));
        assertEquals("ENOTFOUND", ask(off, r -> r.resolve4("web.corp")));
    }

    @Test
    void serversComeFromTheFileThroughNettysParser() throws Exception {
        ResolverOptions two = conf("servers", "# a comment\nnameserver 192.0.2.1\nnameserver 2001:db8::1\n"
                + "search corp.test\n");
        assertEquals("ok [192.0.2.1, 2001:db8::1]", ResolverOutcomes.servers(two));
        ResolverOptions none = ResolverOptions.defaults().withResolvConf(dir.resolve("no-such-file"));
        assertEquals("ok [127.0.0.1]", ResolverOutcomes.servers(none));
    }

    @Test
    void aTimeoutOrARefusalEndsTheSearchButServfailMovesOn() throws Exception {
        ResolverOptions fast = conf("fake", "search a.test b.test\noptions ndots:3\n").withSearch(true)
                .withTimeout(Duration.ofMillis(300));
        try (FakeDnsServer silent = new FakeDnsServer(q -> List.of(), q -> new byte[0])) {
            assertEquals("ETIMEOUT", outcome(fast, silent.address(), r -> r.resolve4("x")));
            assertEquals(1, silent.udpQueries.size(), "x.b.test and x are never asked");
        }
        try (FakeDnsServer refusing = new FakeDnsServer(
                q -> List.of(Reply.of(response(id(q), 5, false, question(q), 0))), q -> new byte[0])) {
            assertEquals("EREFUSED", outcome(fast, refusing.address(), r -> r.resolve4("x")));
            assertEquals(1, refusing.udpQueries.size());
        }
        try (FakeDnsServer failingFirst = new FakeDnsServer(q -> List.of(Reply.of(
                Arrays.equals(question(q), questionFor("x.a.test", 1))
                        ? response(id(q), 2, false, question(q), 0)
                        : response(id(q), 0, false, question(q), 1, a(60, 10, 0, 0, 7)))), q -> new byte[0])) {
            assertEquals("ok [10.0.0.7]", outcome(fast, failingFirst.address(), r -> r.resolve4("x")));
            assertEquals(2, failingFirst.udpQueries.size(), "x.a.test failed, x.b.test answered");
        }
    }
}
