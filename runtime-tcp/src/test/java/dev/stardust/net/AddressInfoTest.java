package dev.stardust.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stardust.AddressInfo;
import dev.stardust.testing.LoopTester;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TCP reports addresses as node's {@code {address, family, port}}, the type UDP uses too. */
class AddressInfoTest {
    @Test
    void serverAndAcceptedSocketReportTheSameLocalAddress() {
        List<AddressInfo> tcp = new ArrayList<>();
        LoopTester.run(t -> {
            Server[] server = new Server[1];
            server[0] = Net.createServer(t.expect((Socket s) -> {
                tcp.add(s.address());
                s.destroy();
                server[0].close();
            }));
            server[0].listen(0, "127.0.0.1").onSuccess(s -> {
                tcp.add(s.address());
                Net.connect(s.address().port(), "127.0.0.1");
            });
        });
        assertEquals(2, tcp.size(), tcp::toString);
        assertEquals(new AddressInfo("127.0.0.1", "IPv4", tcp.get(0).port()), tcp.get(0));
        assertEquals(tcp.get(0), tcp.get(1), "an accepted socket's local address is the server's");
    }
}
