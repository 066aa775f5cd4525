package dev.stardust.benchmarks.echo;

import dev.stardust.Loop;
import dev.stardust.net.Net;

/** The Stardust echo server under test: {@code socket.pipe(socket)}, as in the echo example. */
public final class StardustEchoServer {
    private StardustEchoServer() {
    }

    /** {@code StardustEchoServer PORT}. */
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Loop.run(() -> Net.createServer(socket -> socket.pipe(socket)).listen(port, "127.0.0.1")
                .onSuccess(server -> System.out.println("stardust echo on " + port)));
    }
}
