package dev.stardust.examples;

import dev.stardust.Buffer;
import dev.stardust.Loop;
import dev.stardust.net.Net;
import dev.stardust.net.Socket;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * {@code echo-client HOST PORT}: sends its standard input to HOST:PORT and prints what comes back; exits once both
 * directions have ended. Standard input is read on a plain thread that hands each chunk to the loop.
 */
public final class EchoClientExample implements Example {

    @Override
    public String name() {
        return "echo-client";
    }

    @Override
    public String description() {
        return "HOST PORT send standard input to HOST:PORT, print the reply";
    }

    @Override
    public int run(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: echo-client HOST PORT");
            return 2;
        }
        int[] status = {0};
        Loop.run(() -> {
            Loop loop = Loop.current();
            Socket socket = Net.connect(Integer.parseInt(args[1]), args[0]);
            socket.allowHalfOpen(true);
            socket.onData(data -> System.out.print(data.toString()));
            socket.onError(e -> {
                System.err.println("echo-client: " + e.getMessage());
                status[0] = 1;
            });
            socket.onConnect(() -> {
                Thread stdin = new Thread(() -> pump(System.in, socket, loop), "stdin");
                stdin.setDaemon(true);
                stdin.start();
            });
        });
        System.out.flush();
        return status[0];
    }

    private static void pump(InputStream in, Socket socket, Loop loop) {
        byte[] buf = new byte[16 * 1024];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                Buffer chunk = Buffer.wrap(Arrays.copyOf(buf, n));
                loop.execute(() -> socket.write(chunk));
            }
        } catch (IOException e) {
            System.err.println("echo-client: reading standard input failed: " + e.getMessage());
        }
        loop.execute(() -> socket.end());
    }
}
