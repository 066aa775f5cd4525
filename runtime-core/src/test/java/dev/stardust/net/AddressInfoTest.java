package dev.stardust.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stardust.Buffer;
import dev.stardust.dgram.Datagram;
import dev.stardust.dgram.Dgram;
import dev.stardust.dgram.DgramSocket;
import dev.stardust.testing.LoopTester;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TCP and UDP report addresses as one type, node's {@code {address, family, port}}. */
class AddressInfoTest {
    @Test
    void tcpAndUdpReportAddressesAsOneType() {
        List<AddressInfo> tcp = new ArrayList<>();
        List<AddressInfo> udp = new ArrayList<>();
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
            DgramSocket receiver = Dgram.createSocket("udp4");
            DgramSocket sender = Dgram.createSocket("udp4");
            receiver.on("message", t.expect((Datagram d) -> {
                udp.add(d.sender());
                udp.add(sender.address());
                receiver.close();
                sender.close();
            }));
            receiver.bind(0, "127.0.0.1").onSuccess(v -> sender.bind(0, "127.0.0.1").onSuccess(w ->
                    sender.send(Buffer.from("x"), receiver.address().port(), "127.0.0.1")));
        });
        assertEquals(2, tcp.size(), tcp::toString);
        assertEquals(new AddressInfo("127.0.0.1", "IPv4", tcp.get(0).port()), tcp.get(0));
        assertEquals(tcp.get(0), tcp.get(1), "an accepted socket's local address is the server's");
        assertEquals(2, udp.size(), udp::toString);
        assertEquals(new AddressInfo("127.0.0.1", "IPv4", udp.get(1).port()), udp.get(0));
    }
}
