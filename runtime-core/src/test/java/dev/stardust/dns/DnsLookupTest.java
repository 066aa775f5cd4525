package dev.stardust.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.StardustException;
import dev.stardust.testing.LoopTester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@code Dns.lookup} against the machine's own resolver: the hosts file names localhost. */
class DnsLookupTest {

    /** What {@code main} collected on a loop run to its end. */
    private static List<Object> run(Consumer<List<Object>> main) {
        List<Object> results = new ArrayList<>();
        LoopTester.run(t -> main.accept(results));
        return results;
    }

    @Test
    void localhostComesFromTheHostsFileOnTheWorkerPool() {
        List<Object> got = run(out -> {
            String loopThread = Thread.currentThread().getName();
            Dns.lookup("localhost", LookupOptions.defaults().withFamily(4)).onSuccess(a -> {
                out.add(a);
                out.add(Thread.currentThread().getName().equals(loopThread));
            });
        });
        assertEquals(List.of(new LookupAddress("127.0.0.1", 4), true), got);
    }

    @Test
    void allAddressesHonourFamilyAndOrder() {
        List<Object> got = run(out -> {
            Dns.lookupAll("localhost", LookupOptions.defaults().withOrder(LookupOptions.Order.IPV4_FIRST))
                    .onSuccess(all -> {
                        out.add(all);
                        Dns.lookupAll("::1").onSuccess(out::add);
                    });
        });
        @SuppressWarnings("unchecked")
        List<LookupAddress> all = (List<LookupAddress>) got.get(0);
        assertEquals(new LookupAddress("127.0.0.1", 4), all.get(0));
        assertTrue(all.stream().allMatch(a -> a.family() == 4 || a.family() == 6), all.toString());
        assertEquals(List.of(new LookupAddress("::1", 6)), got.get(1));
    }

    @Test
    void literalsResolveAtOnceAndAWrongFamilyIsNotFound() {
        List<Object> got = run(out -> {
            Dns.lookup("10.1.2.3").onSuccess(out::add);
            Dns.lookup("10.1.2.3", LookupOptions.defaults().withFamily(6))
                    .onFailure(e -> out.add(((StardustException) e).code()));
        });
        assertEquals(List.of(new LookupAddress("10.1.2.3", 4), "ENOTFOUND"), got);
    }

    @Test
    void anUnknownNameFailsWithEnotfound() {
        List<Object> got = run(out -> Dns.lookup("no-such-host.invalid")
                .onFailure(e -> out.add(((StardustException) e).code() + " " + e.getMessage())));
        assertEquals(List.of("ENOTFOUND ENOTFOUND: getaddrinfo ENOTFOUND no-such-host.invalid"), got);
    }

    @Test
    void lookupServiceNamesTheAddressFromTheHostsFileAndThePortFromTheServicesFile() throws Exception {
        Path services = Path.of("/etc/services");
        String ssh = Files.isReadable(services) && Files.readString(services).lines()
                .anyMatch(l -> l.matches("ssh\\s+22/tcp.*")) ? "ssh" : "22";
        List<Object> got = run(out -> Dns.lookupService("127.0.0.1", 22).onSuccess(a -> {
            out.add(a);
            Dns.lookupService("127.0.0.1", 65_000).onSuccess(out::add);
        }));
        assertEquals(List.of(new HostAndService("localhost", ssh), new HostAndService("localhost", "65000")), got);
    }

    @Test
    void lookupServiceThrowsForBadArgumentsAndFailsOnceForAnAddressWithoutAName() {
        List<Object> got = run(out -> {
            for (Runnable bad : List.<Runnable>of(() -> Dns.lookupService("localhost", 22),
                    () -> Dns.lookupService("127.0.0.1", 65_536), () -> Dns.lookupService("127.0.0.1", -1))) {
                try {
                    bad.run();
                } catch (StardustException e) {
                    out.add(e.code());
                }
            }
            // TEST-NET-1 (RFC 5737): no hosts file or DNS names it
            Dns.lookupService("192.0.2.1", 80).onComplete((v, e) -> out.add(e instanceof StardustException se
                    && se.getMessage().contains("getnameinfo ENOTFOUND 192.0.2.1") ? se.code() : "unexpected " + v + " " + e));
        });
        assertEquals(List.of("ERR_INVALID_ARG_VALUE", "ERR_SOCKET_BAD_PORT", "ERR_SOCKET_BAD_PORT",
                "ENOTFOUND"), got);
    }
}
