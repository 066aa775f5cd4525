package dev.stardust.examples;

import dev.stardust.Loop;
import dev.stardust.tls.TlsOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code agent URL [--interval S] [--port P] [--queue N] [--backoff-max S] [--ca FILE]}: the host monitoring agent. Reports
 * CPU, memory, load, disk and network figures to URL every interval, queues (bounded, oldest dropped) and retries
 * with backoff while the endpoint is down, and serves its counters as JSON on http://127.0.0.1:P/.
 */
public final class AgentExample implements Example {

    @Override
    public String name() {
        return "agent";
    }

    @Override
    public String description() {
        return "URL [--interval S] [--port P] [--queue N] [--backoff-max S] [--ca FILE]  report host metrics as JSON to URL"
                + " (defaults: 10 s, status on 8126, 1000 queued, 60 s)";
    }

    @Override
    public int run(String[] args) {
        if (args.length < 1 || args[0].startsWith("--")) {
            System.err.println("usage: agent URL [--interval S] [--port P] [--queue N] [--backoff-max S] [--ca FILE]");
            return 2;
        }
        String url = args[0];
        double interval = 10;
        int port = 8126;
        int queue = 1000;
        double backoffMax = 60;
        String ca = null;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--interval" -> interval = Double.parseDouble(args[i + 1]);
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--queue" -> queue = Integer.parseInt(args[i + 1]);
                case "--backoff-max" -> backoffMax = Double.parseDouble(args[i + 1]);
                case "--ca" -> ca = args[i + 1];
                default -> {
                    System.err.println("agent: unknown option " + args[i]);
                    return 2;
                }
            }
        }
        Duration every = Duration.ofMillis((long) (interval * 1000));
        Duration cap = Duration.ofMillis((long) (backoffMax * 1000));
        int statusPort = port;
        int bound = queue;
        TlsOptions tls = ca == null ? null : TlsOptions.defaults().withCa(Path.of(ca));
        Loop.run(() -> HostAgent.start(url, tls, every, cap, bound, statusPort, System.err::println)
                .onSuccess(a -> System.err.println("agent reporting to " + url + " every " + every.toMillis()
                        + " ms; status at http://127.0.0.1:" + a.statusPort() + "/")));
        return 0;
    }
}
