package dev.stardust.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.AddressInfo;
import dev.stardust.StardustException;
import dev.stardust.internal.Transport;
import dev.stardust.testing.LoopTester;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code server.listen(options)} with {@code reusePort}, and {@code server.maxConnections} with {@code drop}. */
class ServerOptionsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    static Stream<String> nativeTransports() {
        return Transport.available().stream().filter(t -> t != Transport.NIO).map(Transport::displayName);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void maxConnectionsDropsConnectionsPastTheLimitUntilOneCloses(String transport) {
        List<String> events = new ArrayList<>();
        LoopTester.run(transport, TIMEOUT, t -> {
            List<Socket> accepted = new ArrayList<>();
            Server server = Net.createServer();
            assertEquals(server, server.maxConnections(1));
            server.onDrop(t.expect((AddressInfo peer) -> events.add("drop from " + peer.address())));
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                int port = s.address().port();
                Socket first = Net.connect(port, "127.0.0.1");
                server.onConnection(accepted1 -> {
                    accepted.add(accepted1);
                    events.add("accepted " + accepted.size());
                    if (accepted.size() == 1) {
                        // One open: the next one is dropped; once the first has gone, a third is accepted.
                        Socket second = Net.connect(port, "127.0.0.1");
                        second.onError(e -> { }); // a reset or an end, as the kernel has it
                        second.resume();
                        second.onClose(() -> {
                            events.add("second closed");
                            accepted1.onClose(() -> Net.connect(port, "127.0.0.1").resume());
                            first.destroy();
                        });
                    } else {
                        accepted1.destroy();
                        server.close();
                    }
                });
            });
        });
        assertEquals(List.of("accepted 1", "drop from 127.0.0.1", "second closed", "accepted 2"), events);
    }

    @ParameterizedTest
    @MethodSource("nativeTransports")
    void reusePortLetsServersShareAPortAndWithoutItTheBindFails(String transport) {
        List<String> events = new ArrayList<>();
        LoopTester.run(transport, TIMEOUT, t -> {
            ListenOptions reuse = ListenOptions.defaults().withHost("127.0.0.1").withReusePort(true);
            Server a = Net.createServer();
            Server b = Net.createServer();
            Server c = Net.createServer();
            a.listen(reuse).onSuccess(x -> {
                int port = a.address().port();
                b.listen(reuse.withPort(port)).onSuccess(y -> {
                    events.add("b on the same port " + (b.address().port() == port));
                    c.listen(ListenOptions.defaults().withHost("127.0.0.1").withPort(port)).onFailure(e -> {
                        events.add(((StardustException) e).code());
                        a.close();
                        b.close();
                    });
                });
            });
        });
        assertEquals(List.of("b on the same port true", "EADDRINUSE"), events);
    }

    @Test
    void reusePortOnNioThrowsAtOnce() {
        try (LoopTester t = LoopTester.start("nio")) {
            StardustException e = assertThrows(StardustException.class, () -> t.call(() -> Net.createServer()
                    .listen(ListenOptions.defaults().withReusePort(true))));
            assertEquals("ERR_REUSEPORT_UNSUPPORTED", e.code());
        }
    }

    @Test
    void listenOptionsCheckTheirValuesAndTheBacklogIsNodes() {
        ListenOptions o = ListenOptions.defaults();
        assertEquals(511, o.backlog());
        assertEquals("", o.host());
        assertEquals("ERR_SOCKET_BAD_PORT", assertThrows(StardustException.class, () -> o.withPort(-1)).code());
        assertEquals("ERR_OUT_OF_RANGE", assertThrows(StardustException.class, () -> o.withBacklog(-1)).code());
        LoopTester.run(t -> assertEquals("ERR_OUT_OF_RANGE",
                assertThrows(StardustException.class, () -> Net.createServer().maxConnections(-1)).code()));
        assertTrue(o.withReusePort(true).toString().contains("reusePort"));
    }
}
