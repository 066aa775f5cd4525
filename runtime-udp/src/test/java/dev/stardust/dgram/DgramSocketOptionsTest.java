package dev.stardust.dgram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.testing.LoopTester;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code dgram.createSocket(options)}: {@code reuseAddr} and {@code reusePort}, on every available transport. */
class DgramSocketOptionsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void severalMulticastListenersShareOnePortWithReuseAddr(String transport) {
        List<String> got = new ArrayList<>();
        String group = "239.255.43.22";
        DgramSocketOptions reuse = DgramSocketOptions.type("udp4").withReuseAddr(true);
        LoopTester.run(transport, TIMEOUT, t -> {
            DgramSocket a = Dgram.createSocket(reuse);
            DgramSocket b = Dgram.createSocket(reuse);
            DgramSocket sender = Dgram.createSocket("udp4");
            Runnable closeWhenBothHeard = () -> {
                if (got.size() == 2) {
                    a.close();
                    b.close();
                    sender.close();
                }
            };
            a.onMessage(d -> {
                got.add("a " + d.data());
                closeWhenBothHeard.run();
            });
            b.onMessage(d -> {
                got.add("b " + d.data());
                closeWhenBothHeard.run();
            });
            a.bind(0).onSuccess(v -> {
                int port = a.address().port();
                b.bind(port).onSuccess(w -> {
                    a.addMembership(group, "127.0.0.1");
                    b.addMembership(group, "127.0.0.1");
                    sender.bind(0, "127.0.0.1").onSuccess(x -> {
                        sender.setMulticastInterface("127.0.0.1").setMulticastLoopback(true).setMulticastTTL(1);
                        sender.send(Buffer.from("to both"), port, group);
                    });
                });
            });
        });
        got.sort(null);
        assertEquals(List.of("a to both", "b to both"), got);
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void withoutReuseASecondBindOfThePortFailsAndWithReusePortItBinds(String transport) {
        List<String> events = new ArrayList<>();
        LoopTester.run(transport, TIMEOUT, t -> {
            DgramSocket first = Dgram.createSocket(DgramSocketOptions.type("udp4").withReusePort(true));
            DgramSocket plain = Dgram.createSocket("udp4");
            DgramSocket second = Dgram.createSocket(DgramSocketOptions.type("udp4").withReusePort(true));
            first.bind(0, "127.0.0.1").onSuccess(v -> {
                int port = first.address().port();
                plain.bind(port, "127.0.0.1").onFailure(e -> {
                    events.add("plain " + ((StardustException) e).code());
                    second.bind(port, "127.0.0.1").onSuccess(w -> {
                        events.add("second bound " + (second.address().port() == port));
                        first.close();
                        second.close();
                    });
                });
            });
        });
        assertEquals(List.of("plain EADDRINUSE", "second bound true"), events);
    }

    @Test
    void optionsNameNodesTypes() {
        assertEquals("udp6", DgramSocketOptions.type("udp6").type());
        assertEquals("ERR_SOCKET_BAD_TYPE",
                assertThrows(StardustException.class, () -> DgramSocketOptions.type("tcp")).code());
        DgramSocketOptions o = DgramSocketOptions.type("udp4").withReuseAddr(true).withReusePort(true);
        assertEquals("DgramSocketOptions[udp4, reuseAddr, reusePort]", o.toString());
    }
}
