package dev.stardust.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stardust.Loop;
import dev.stardust.net.Server;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code chat}: two real TCP clients see each other's lines; the README shows the server's code as it is. */
class ChatExampleTest {

    @Test
    void aLineFromOneClientIsRelayedToTheOther() throws Exception {
        Loop loop = Loop.start();
        try {
            Server server = loop.submitPromise(() -> ChatExample.createServer().listen(0, "127.0.0.1"))
                    .get(10, TimeUnit.SECONDS);
            int port = server.address().port();
            try (Socket alice = connect(port); Socket bob = connect(port)) {
                BufferedReader toAlice = reader(alice);
                BufferedReader toBob = reader(bob);
                // Bob connected after Alice, so once Alice reads Bob's line, both are in the room.
                send(bob, "hello from bob, in two pieces: ", "grüße €\r\n");
                assertEquals(bob.getLocalPort() + "> hello from bob, in two pieces: grüße €", toAlice.readLine());
                send(alice, "hi bob\n");
                assertEquals(alice.getLocalPort() + "> hi bob", toBob.readLine());
            }
        } finally {
            loop.close(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void readmeShowsTheCompiledChatServer() throws IOException {
        ReadmeRegion.assertReadmeShows("chat", "ChatExample.java");
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void send(Socket socket, String... pieces) throws IOException {
        OutputStream out = socket.getOutputStream();
        for (String piece : pieces) {
            out.write(piece.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
