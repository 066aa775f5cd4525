package dev.stardust.dgram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stardust.AddressInfo;
import dev.stardust.Buffer;
import dev.stardust.testing.LoopTester;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** UDP reports a datagram's sender as node's {@code rinfo}, the {@code {address, family, port}} type TCP uses too. */
class AddressInfoTest {
    @Test
    void aDatagramsSenderIsTheSendingSocketsAddress() {
        List<AddressInfo> udp = new ArrayList<>();
        LoopTester.run(t -> {
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
        assertEquals(2, udp.size(), udp::toString);
        assertEquals(new AddressInfo("127.0.0.1", "IPv4", udp.get(1).port()), udp.get(0));
    }
}
