package dev.stardust.examples;

import dev.stardust.Loop;
import dev.stardust.net.Net;
import dev.stardust.net.Server;
import dev.stardust.net.Socket;
import dev.stardust.stream.Lines;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code chat [PORT] [HOST]}: a line-protocol chat server, node's {@code readline} over each socket; every line a
 * client sends goes to every other client. Try it with two {@code nc localhost 7001}.
 */
public final class ChatExample implements Example {

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public String description() {
        return "[PORT] [HOST] TCP chat server on PORT (default 7001): each line a client sends goes to the others";
    }

    @Override
    public int run(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7001;
        String host = args.length > 1 ? args[1] : "";
        Loop.run(() -> createServer().listen(port, host)
                .onSuccess(server -> System.out.println("chat server listening on port " + port)));
        return 0;
    }

    /** The chat server, not listening yet; the README shows the code between the markers. */
    static Server createServer() {
        // readme:chat begin
        Set<Socket> clients = new HashSet<>();
        Server server = Net.createServer(socket -> {
            clients.add(socket);
            socket.onClose(() -> clients.remove(socket));
            Lines.from(socket).onError(e -> System.err.println(e.getMessage())).onData(line -> {
                for (Socket client : clients) {
                    if (client != socket) {
                        client.write(socket.remotePort() + "> " + line + "\n");
                    }
                }
            });
        });
        // readme:chat end
        return server;
    }
}
