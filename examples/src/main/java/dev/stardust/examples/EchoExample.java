package dev.stardust.examples;

import dev.stardust.Loop;
import dev.stardust.net.Net;

/** {@code echo [PORT]}: a TCP echo server, node's {@code net.createServer(s => s.pipe(s))}. */
public final class EchoExample implements Example {

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String description() {
        return "[PORT] [HOST] TCP echo server on PORT (default 7000) of HOST (default: every interface)";
    }

    @Override
    public int run(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7000;
        String host = args.length > 1 ? args[1] : "";
        Loop.run(() -> Net.createServer(socket -> socket.pipe(socket))
                .listen(port, host).onSuccess(server -> System.out.println("echo server listening on port " + port)));
        return 0;
    }
}
