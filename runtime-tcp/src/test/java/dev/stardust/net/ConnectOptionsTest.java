package dev.stardust.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.Timers;
import dev.stardust.dns.LookupAddress;
import dev.stardust.net.JdkPeers.Blackhole;
import dev.stardust.net.JdkPeers.Greeter;
import dev.stardust.testing.LoopTester;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code net.connect(options)} against JDK peers: both loopback families, Happy Eyeballs past refusing and silent
 * addresses, the connect timeout, the local address and port, the family and the lookup function.
 */
class ConnectOptionsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Connects as {@code options} say and adds {@code <family> <address> <what the peer said>} once closed. */
    private static void greet(ConnectOptions options, List<String> results) {
        Socket s = Net.connect(options);
        StringBuilder said = new StringBuilder();
        String[] peer = new String[1];
        s.onConnect(() -> peer[0] = s.remoteFamily() + " " + s.remoteAddress());
        s.setEncoding(StandardCharsets.UTF_8).onData(said::append);
        s.onClose(() -> results.add(peer[0] + " " + said.toString().trim()));
    }

    /** A lookup that answers {@code addresses} and records each question as {@code host/family}. */
    private static Lookup answering(List<String> questions, LookupAddress... addresses) {
        return (host, options) -> {
            questions.add(host + "/" + options.family());
            return Promise.resolved(List.of(addresses));
        };
    }

    private static LookupAddress v4(String ip) {
        return new LookupAddress(ip, 4);
    }

    private static LookupAddress v6(String ip) {
        return new LookupAddress(ip, 6);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void connectsToTheIpv4AndIpv6Loopbacks(String transport) throws Exception {
        JdkPeers.assumeIpv6Loopback();
        List<String> results = new ArrayList<>();
        try (Greeter four = new Greeter("127.0.0.1", 0); Greeter six = new Greeter("::1", 0)) {
            LoopTester.run(transport, TIMEOUT, t -> {
                greet(ConnectOptions.defaults().withHost("127.0.0.1").withPort(four.port()), results);
                greet(ConnectOptions.defaults().withHost("::1").withPort(six.port()), results);
                greet(ConnectOptions.defaults().withHost("[::1]").withPort(six.port()).withFamily(6), results);
            });
        }
        results.sort(null);
        assertEquals(List.of("IPv4 127.0.0.1 hello from 127.0.0.1", "IPv6 ::1 hello from ::1",
                "IPv6 ::1 hello from ::1"), results);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void triesTheNextAddressWhenOneRefuses(String transport) throws Exception {
        List<String> results = new ArrayList<>();
        List<String> questions = new ArrayList<>();
        try (Greeter server = new Greeter("127.0.0.1", 0)) {
            // Nothing listens on 127.0.0.2 at that port: refused at once, the next address is tried at once.
            LoopTester.run(transport, TIMEOUT, t -> greet(ConnectOptions.defaults().withHost("service.test")
                    .withPort(server.port()).withLookup(answering(questions, v4("127.0.0.2"), v4("127.0.0.1"))),
                    results));
            assertEquals(1, server.peers.size());
        }
        assertEquals(List.of("service.test/0"), questions);
        assertEquals(List.of("IPv4 127.0.0.1 hello from 127.0.0.1"), results);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void racesIpv6AndIpv4AndTheFamilyThatAnswersWins(String transport) throws Exception {
        JdkPeers.assumeIpv6Loopback();
        List<String> results = new ArrayList<>();
        try (Greeter server = new Greeter("127.0.0.1", 0)) {
            LoopTester.run(transport, TIMEOUT, t -> greet(ConnectOptions.defaults().withHost("dual.test")
                    .withPort(server.port()).withLookup(answering(new ArrayList<>(), v6("::1"), v6("::1"),
                            v4("127.0.0.1"))), results));
        }
        assertEquals(List.of("IPv4 127.0.0.1 hello from 127.0.0.1"), results);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void startsTheNextAttemptWhileASilentAddressHangsAndTheFirstToConnectWins(String transport) throws Exception {
        List<String> results = new ArrayList<>();
        try (Blackhole silent = new Blackhole("127.0.0.1", 0); Greeter server = new Greeter("127.0.0.2", silent.port())) {
            LoopTester.run(transport, TIMEOUT, t -> greet(ConnectOptions.defaults().withHost("slow.test")
                    .withPort(silent.port()).withAutoSelectFamilyAttemptTimeout(Duration.ofMillis(50))
                    .withLookup(answering(new ArrayList<>(), v4("127.0.0.1"), v4("127.0.0.2"))), results));
        }
        assertEquals(List.of("IPv4 127.0.0.2 hello from 127.0.0.2"), results);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void failsWithEtimedoutWhenNothingAnswersInTime(String transport) throws Exception {
        AtomicReference<Throwable> error = new AtomicReference<>();
        long[] elapsedMs = new long[1];
        try (Blackhole silent = new Blackhole("127.0.0.1", 0)) {
            LoopTester.run(transport, TIMEOUT, t -> {
                long start = System.nanoTime();
                Socket s = Net.connect(ConnectOptions.defaults().withHost("127.0.0.1").withPort(silent.port())
                        .withTimeout(Duration.ofMillis(300)));
                s.onConnect(t.expect(() -> { }, 0));
                s.onError(t.expect((Throwable e) -> {
                    elapsedMs[0] = (System.nanoTime() - start) / 1_000_000;
                    error.set(e);
                }));
                s.onClose(t.expect(() -> assertFalse(s.connecting())));
            });
            assertEquals("ETIMEDOUT", ((StardustException) error.get()).code());
            assertEquals("ETIMEDOUT: connect ETIMEDOUT 127.0.0.1:" + silent.port(), error.get().getMessage());
        }
        assertTrue(elapsedMs[0] >= 290, "timed out after " + elapsedMs[0] + " ms, asked for 300");
    }

    @Test
    void withoutAutoSelectFamilyOnlyTheFirstAddressIsTried() throws Exception {
        AtomicReference<Throwable> error = new AtomicReference<>();
        try (Blackhole silent = new Blackhole("127.0.0.1", 0); Greeter server = new Greeter("127.0.0.2", silent.port())) {
            LoopTester.run(t -> Net.connect(ConnectOptions.defaults().withHost("slow.test").withPort(silent.port())
                    .withAutoSelectFamily(false).withAutoSelectFamilyAttemptTimeout(Duration.ofMillis(10))
                    .withTimeout(Duration.ofMillis(400))
                    .withLookup(answering(new ArrayList<>(), v4("127.0.0.1"), v4("127.0.0.2"))))
                    .onError(t.expect(error::set)));
            assertEquals(List.of(), server.peers);
        }
        assertEquals("ETIMEDOUT", ((StardustException) error.get()).code());
    }

    @Test
    void whenEveryAttemptFailsTheErrorHasTheFirstCodeAndNamesEveryAddress() throws Exception {
        int port = JdkPeers.freePort();
        AtomicReference<Throwable> error = new AtomicReference<>();
        LoopTester.run(t -> Net.connect(ConnectOptions.defaults().withHost("down.test").withPort(port)
                .withLookup(answering(new ArrayList<>(), v4("127.0.0.2"), v4("127.0.0.3"))))
                .onError(t.expect(error::set)));
        StardustException e = (StardustException) error.get();
        assertEquals("ECONNREFUSED", e.code());
        assertEquals("ECONNREFUSED: connect ECONNREFUSED 127.0.0.2:" + port + "; connect ECONNREFUSED 127.0.0.3:" + port,
                e.getMessage());
        assertEquals(1, e.getSuppressed().length);
    }

    @Test
    void theFamilyIsAskedOfTheLookupAndFiltersWhatItAnswers() throws Exception {
        List<String> results = new ArrayList<>();
        List<String> questions = new ArrayList<>();
        try (Greeter server = new Greeter("127.0.0.1", 0)) {
            LoopTester.run(t -> greet(ConnectOptions.defaults().withHost("both.test").withPort(server.port())
                    .withFamily(4).withLookup(answering(questions, v6("::1"), v4("127.0.0.1"))), results));
        }
        assertEquals(List.of("both.test/4"), questions);
        assertEquals(List.of("IPv4 127.0.0.1 hello from 127.0.0.1"), results);
    }

    @Test
    void aLookupThatFindsNothingOrFailsFailsTheSocket() {
        List<String> codes = new ArrayList<>();
        LoopTester.run(t -> {
            Net.connect(ConnectOptions.defaults().withHost("nothing.test").withPort(80)
                    .withLookup(answering(new ArrayList<>()))).onError(t.expect((Throwable e) -> codes.add(
                            ((StardustException) e).code() + " " + e.getMessage())));
            Net.connect(ConnectOptions.defaults().withHost("broken.test").withPort(80)
                    .withLookup((host, o) -> Promise.rejected(new StardustException("EAI_AGAIN", "try again"))))
                    .onError(t.expect((Throwable e) -> codes.add(((StardustException) e).code())));
        });
        codes.sort(null);
        assertEquals(List.of("EAI_AGAIN", "ENOTFOUND ENOTFOUND: getaddrinfo ENOTFOUND nothing.test"), codes);
    }

    @Test
    void bindsTheLocalAddressAndPortAskedFor() throws Exception {
        int port = JdkPeers.freePort();
        List<String> locals = new ArrayList<>();
        try (Greeter server = new Greeter("127.0.0.1", 0)) {
            LoopTester.run(t -> {
                Socket a = Net.connect(ConnectOptions.defaults().withHost("127.0.0.1").withPort(server.port())
                        .withLocalAddress("127.0.0.2"));
                a.onConnect(() -> locals.add("a " + a.localAddress()));
                a.resume();
                Socket b = Net.connect(ConnectOptions.defaults().withHost("127.0.0.1").withPort(server.port())
                        .withLocalAddress("127.0.0.1").withLocalPort(port));
                b.onConnect(() -> locals.add("b " + b.localAddress() + ":" + b.localPort()));
                b.resume();
            });
            List<String> peers = new ArrayList<>(server.peers);
            peers.sort(null);
            assertTrue(peers.get(0).equals("127.0.0.1:" + port), "peers " + peers);
            assertTrue(peers.get(1).startsWith("127.0.0.2:"), "peers " + peers);
        }
        locals.sort(null);
        assertEquals(List.of("a 127.0.0.2", "b 127.0.0.1:" + port), locals);
    }

    @Test
    void destroyWhileConnectingClosesEveryAttemptQuietly() throws Exception {
        List<String> events = new ArrayList<>();
        try (Blackhole silent = new Blackhole("127.0.0.1", 0)) {
            LoopTester.run(t -> {
                Socket s = Net.connect(ConnectOptions.defaults().withHost("127.0.0.1").withPort(silent.port()));
                s.onConnect(t.expect(() -> { }, 0));
                s.onClose(t.expect(() -> events.add("close, connecting " + s.connecting())));
                Timers.setTimeout(() -> s.destroy(), 100);
            });
        }
        assertEquals(List.of("close, connecting false"), events);
    }

    @Test
    void badOptionsThrowAtOnceWithNodesCodes() {
        ConnectOptions o = ConnectOptions.defaults();
        assertEquals("ERR_SOCKET_BAD_PORT", assertThrows(StardustException.class, () -> o.withPort(0)).code());
        assertEquals("ERR_SOCKET_BAD_PORT", assertThrows(StardustException.class, () -> o.withLocalPort(70000)).code());
        assertEquals("ERR_INVALID_ARG_VALUE", assertThrows(StardustException.class, () -> o.withFamily(5)).code());
        assertEquals("ERR_INVALID_IP_ADDRESS",
                assertThrows(StardustException.class, () -> o.withLocalAddress("localhost")).code());
        assertEquals("ERR_OUT_OF_RANGE",
                assertThrows(StardustException.class, () -> o.withTimeout(Duration.ofMillis(-1))).code());
        assertEquals("ERR_MISSING_ARGS", assertThrows(StardustException.class, () -> Net.connect(o)).code());
        assertEquals(Duration.ofMillis(10), o.withAutoSelectFamilyAttemptTimeout(Duration.ZERO)
                .autoSelectFamilyAttemptTimeout());
        assertEquals("localhost", o.host());
        assertTrue(o.autoSelectFamily());
    }
}
