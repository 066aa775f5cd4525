package dev.stardust.examples;

import dev.stardust.Loop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code collector [PORT] [--out FILE] [--token-file FILE]}: receives the {@code agent}'s reports over HTTP, drops
 * the duplicates an at-least-once agent may send, and prints each new report on one line (and appends it to FILE).
 * With a token (the file, or {@code STARDUST_COLLECTOR_TOKEN}) it refuses requests without it.
 */
public final class CollectorExample implements Example {
    private static final String TOKEN_VARIABLE = "STARDUST_COLLECTOR_TOKEN";

    @Override
    public String name() {
        return "collector";
    }

    @Override
    public String description() {
        return "[PORT] [--out FILE] [--token-file FILE]  receive agent reports on http://0.0.0.0:PORT/ (default 8125),"
                + " print each new one on one line";
    }

    @Override
    public int run(String[] args) {
        int port = 8125;
        String out = null;
        String token = System.getenv(TOKEN_VARIABLE);
        int i = 0;
        if (args.length > 0 && !args[0].startsWith("--")) {
            port = Integer.parseInt(args[0]);
            i = 1;
        }
        for (; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                System.err.println("collector: " + args[i] + " needs a value");
                return 2;
            }
            switch (args[i]) {
                case "--out" -> out = args[i + 1];
                case "--token-file" -> {
                    try {
                        token = Files.readString(Path.of(args[i + 1])).trim();
                    } catch (IOException e) {
                        System.err.println("collector: cannot read " + args[i + 1] + ": " + e.getMessage());
                        return 2;
                    }
                }
                default -> {
                    System.err.println("collector: unknown option " + args[i]);
                    return 2;
                }
            }
        }
        int listenPort = port;
        String file = out;
        String secret = token == null || token.isBlank() ? null : token;
        Loop.run(() -> Collector.start("0.0.0.0", listenPort, secret, file, System.out::println)
                .onSuccess(c -> System.err.println("collector listening at http://localhost:" + c.port() + "/")));
        return 0;
    }
}
