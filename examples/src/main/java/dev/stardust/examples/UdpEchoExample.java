package dev.stardust.examples;

import dev.stardust.Loop;
import dev.stardust.dgram.Datagram;
import dev.stardust.dgram.Dgram;
import dev.stardust.dgram.DgramSocket;

/** {@code udp-echo [PORT]}: sends every datagram back to where it came from, as node's dgram echo server. */
public final class UdpEchoExample implements Example {

    @Override
    public String name() {
        return "udp-echo";
    }

    @Override
    public String description() {
        return "[PORT] [HOST] echo UDP datagrams back to their sender (default port 7001, every interface)";
    }

    @Override
    public int run(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7001;
        String host = args.length > 1 ? args[1] : "0.0.0.0";
        Loop.run(() -> {
            DgramSocket socket = Dgram.createSocket("udp4");
            socket.onMessage(d -> socket.send(d.data(), d.sender().port(), d.sender().address()));
            socket.onError(e -> {
                System.err.println("udp-echo: " + e.getMessage());
                socket.close();
            });
            socket.bind(port, host).onSuccess(bound -> System.out.println("udp-echo listening on " + socket.address().address() + ":"
                    + socket.address().port()));
        });
        return 0;
    }
}
