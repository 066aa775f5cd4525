package dev.stardust.dns.resolver;

import static dev.stardust.dns.resolver.FakeDnsServer.a;
import static dev.stardust.dns.resolver.FakeDnsServer.id;
import static dev.stardust.dns.resolver.FakeDnsServer.question;
import static dev.stardust.dns.resolver.FakeDnsServer.questionFor;
import static dev.stardust.dns.resolver.FakeDnsServer.response;
import static dev.stardust.dns.resolver.ResolverOutcomes.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Loop;
import dev.stardust.LoopOptions;
import dev.stardust.dns.resolver.FakeDnsServer.Reply;
import dev.stardust.testing.LoopTester;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The resolver against a responder that misbehaves on purpose: timeouts, forgeries, truncation, garbage. */
class ResolverFaultTest {
    private static final ResolverOptions FAST = ResolverOptions.defaults().withTimeout(Duration.ofMillis(300))
            .withTries(2).withCache(false);
    /** For replies that come at once: a cold JVM on a busy machine must not turn them into timeouts. */
    private static final ResolverOptions PATIENT = ResolverOptions.defaults().withTries(1).withCache(false);

    private static String resolve4(FakeDnsServer server, ResolverOptions options) {
        return outcome(options, server.address(), r -> r.resolve4("x.test"));
    }

    private static FakeDnsServer udp(Function<byte[], List<Reply>> onUdp) throws Exception {
        return new FakeDnsServer(onUdp, q -> new byte[0]);
    }

    @Test
    void aSilentServerTimesOutAfterEveryTryEachFromAFreshPort() throws Exception {
        try (FakeDnsServer server = udp(q -> List.of())) {
            long start = System.nanoTime();
            assertEquals("ETIMEOUT", resolve4(server, FAST));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(2, server.udpQueries.size());
            assertEquals(2, server.sourcePorts.size(), "each try from its own socket");
            assertTrue(tookMs >= 550, "two tries of 300 ms took " + tookMs + " ms");
        }
    }

    @Test
    void repliesWithAWrongIdOrQuestionOrFromAnotherServerAreIgnored() throws Exception {
        try (FakeDnsServer server = udp(q -> List.of(
                Reply.of(response(id(q) ^ 0x5555, 0, false, question(q), 1, a(60, 6, 6, 6, 6))),
                Reply.of(response(id(q), 0, false, questionFor("evil.test", 1), 1, a(60, 6, 6, 6, 7))),
                new Reply(response(id(q), 0, false, question(q), 1, a(60, 6, 6, 6, 8)), true),
                Reply.of(response(id(q), 0, false, question(q), 1, a(60, 10, 0, 0, 1)))))) {
            assertEquals("ok [10.0.0.1]", resolve4(server, PATIENT));
            assertEquals(1, server.udpQueries.size());
        }
    }

    @Test
    void idsAreRandomAcrossQueries() throws Exception {
        try (FakeDnsServer server = udp(q -> List.of())) {
            outcome(FAST.withTries(4), server.address(), r -> r.resolve4("x.test"));
            long distinct = server.udpQueries.stream().mapToInt(FakeDnsServer::id).distinct().count();
            assertTrue(distinct >= 3, "4 tries used only " + distinct + " distinct ids");
        }
    }

    @Test
    void aTruncatedAnswerIsAskedAgainOverTcp() throws Exception {
        try (FakeDnsServer server = new FakeDnsServer(
                q -> List.of(Reply.of(response(id(q), 0, true, question(q), 0))),
                q -> response(id(q), 0, false, question(q), 2, a(60, 10, 0, 0, 1), a(60, 10, 0, 0, 2)))) {
            assertTrue(server.tcpOnSamePort(), "the loopback TCP port was taken");
            String got = resolve4(server, PATIENT);
            assertEquals("ok [10.0.0.1, 10.0.0.2]", got, "udp " + server.udpQueries.size() + " tcp " + server.tcpQueries.size());
            assertEquals(1, server.tcpQueries.size());
        }
    }

    @Test
    void responseCodesBecomeNodesErrors() throws Exception {
        for (int[] rcode : new int[][] {{1, 0}, {2, 0}, {3, 0}, {5, 0}, {0, 0}}) {
            try (FakeDnsServer server = udp(q -> List.of(Reply.of(response(id(q), rcode[0], false, question(q), 0))))) {
                String expected = switch (rcode[0]) {
                    case 1 -> "EFORMERR";
                    case 2 -> "ESERVFAIL";
                    case 3 -> "ENOTFOUND";
                    case 5 -> "EREFUSED";
                    default -> "ENODATA";
                };
                assertEquals(expected, resolve4(server, PATIENT), "rcode " + rcode[0]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pointer-loop", "pointer-out-of-range", "count-too-large", "short-header", "short-rdata"})
    void malformedAnswersAreEbadresp(String fault) throws Exception {
        Function<byte[], byte[]> packet = q -> switch (fault) {
            // An answer whose name is a pointer to itself, at offset 12 + question length.
            case "pointer-loop" -> {
                int at = 12 + question(q).length;
                yield response(id(q), 0, false, question(q), 1, new byte[] {(byte) 0xc0, (byte) at, 0, 1, 0, 1,
                        0, 0, 0, 60, 0, 4, 1, 2, 3, 4});
            }
            case "pointer-out-of-range" -> response(id(q), 0, false, question(q), 1, new byte[] {(byte) 0xff,
                    (byte) 0xf0, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4});
            case "count-too-large" -> response(id(q), 0, false, question(q), 7, a(60, 1, 2, 3, 4));
            case "short-header" -> new byte[] {q[0], q[1], (byte) 0x81};
            default -> response(id(q), 0, false, question(q), 1, FakeDnsServer.answer(1, 60, new byte[] {1, 2}));
        };
        try (FakeDnsServer server = udp(q -> List.of(Reply.of(packet.apply(q))))) {
            assertEquals("EBADRESP", resolve4(server, PATIENT));
        }
    }

    @Test
    void aClosedPortIsEconnrefused() throws Exception {
        int port;
        try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        assertEquals("ECONNREFUSED", outcome(PATIENT, "127.0.0.1:" + port, r -> r.resolve4("x.test")));
    }

    @Test
    void cancelEndsQueriesInFlight() throws Exception {
        // Cancels once the query is in flight: when the server has it (and never answers).
        AtomicReference<Runnable> onFirstQuery = new AtomicReference<>();
        try (FakeDnsServer server = udp(q -> {
            Runnable cancel = onFirstQuery.getAndSet(null);
            if (cancel != null) {
                cancel.run();
            }
            return List.of();
        })) {
            AtomicReference<String> result = new AtomicReference<>();
            LoopTester.run(LoopOptions.defaults(), ResolverOutcomes.TIMEOUT, t -> {
                Resolver resolver = new Resolver(ResolverOptions.defaults()).setServers(List.of(server.address()));
                Loop loop = Loop.current();
                onFirstQuery.set(() -> loop.execute(resolver::cancel));
                resolver.resolve4("x.test")
                        .onComplete(t.expect((Object v, Throwable e) -> result.set(ResolverOutcomes.describe(v, e))));
            });
            assertEquals("ECANCELLED", result.get());
        }
    }

    @Test
    void theCacheServesAnswersForTheirTtlAndCanBeTurnedOff() throws Exception {
        try (FakeDnsServer server = udp(q -> List.of(Reply.of(response(id(q), 0, false, question(q), 1,
                a(60, 10, 0, 0, 1)))))) {
            for (boolean cache : new boolean[] {true, false}) {
                AtomicReference<String> result = new AtomicReference<>();
                int before = server.udpQueries.size();
                LoopTester.run(LoopOptions.defaults(), ResolverOutcomes.TIMEOUT, t -> {
                    Resolver resolver = new Resolver(PATIENT.withCache(cache)).setServers(List.of(server.address()));
                    resolver.resolve4WithTtl("x.test").onSuccess(first -> resolver.resolve4WithTtl("X.test")
                            .onComplete(t.expect((Object v, Throwable e) ->
                                    result.set(first + " " + ResolverOutcomes.describe(v, e)))));
                });
                assertEquals("[RecordWithTtl[address=10.0.0.1, ttl=60]] ok [RecordWithTtl[address=10.0.0.1, ttl=60]]",
                        result.get());
                assertEquals(cache ? 1 : 2, server.udpQueries.size() - before, "cache " + cache);
            }
        }
    }

    @Test
    void soaNamesCompressedAgainstTheQuestionAreDecoded() throws Exception {
        byte[] soa = java.nio.ByteBuffer.allocate(2 + 13 + 20)
                .put(new byte[] {(byte) 0xc0, 12})
                .put(new byte[] {10, 'h', 'o', 's', 't', 'm', 'a', 's', 't', 'e', 'r', (byte) 0xc0, 12})
                .putInt(2024).putInt(3600).putInt(600).putInt(86400).putInt(300).array();
        try (FakeDnsServer server = udp(q -> List.of(Reply.of(response(id(q), 0, false, question(q), 1,
                FakeDnsServer.answer(6, 60, soa)))))) {
            assertEquals("ok SoaRecord[nsname=x.test, hostmaster=hostmaster.x.test, serial=2024, refresh=3600, "
                    + "retry=600, expire=86400, minttl=300]",
                    outcome(PATIENT, server.address(), r -> r.resolveSoa("x.test")));
        }
    }
}
