package dev.stardust.examples;

import dev.stardust.Loop;

/** {@code collector [PORT]}: receives the {@code agent}'s reports over HTTP and prints each on one line. */
public final class CollectorExample implements Example {

    @Override
    public String name() {
        return "collector";
    }

    @Override
    public String description() {
        return "[PORT] receive agent reports on http://0.0.0.0:PORT/ (default 8125) and print each on one line";
    }

    @Override
    public int run(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8125;
        Loop.run(() -> Collector.start("0.0.0.0", port, System.out::println)
                .onSuccess(c -> System.err.println("collector listening at http://localhost:" + c.port() + "/")));
        return 0;
    }
}
