package dev.stardust.examples;

import dev.stardust.Loop;
import dev.stardust.process.Process;
import java.time.Duration;

/**
 * {@code agent [URL] [options]}: the host monitoring agent. Serves the host's figures to Prometheus on
 * {@code http://BIND:PORT/metrics} (node_exporter's names) and, given a URL, reports them as JSON to it every
 * interval, queueing (bounded, oldest dropped; on disk with {@code --spool}) and retrying with jittered backoff
 * while it is down. SIGTERM sends what it can, syncs the spool and exits. Settings: {@link AgentOptions}.
 */
public final class AgentExample implements Example {
    private static final String USAGE = "usage: agent [URL] [--config FILE] [--interval S] [--port P] [--bind HOST]"
            + " [--queue N] [--spool DIR] [--spool-max BYTES] [--backoff-max S] [--ca FILE] [--token-file FILE]"
            + " [--collectors cpu,memory,disk,network,load] [--label NAME=VALUE]...\n"
            + "  the bearer token comes from --token-file or $" + AgentOptions.TOKEN_VARIABLE + ", never the command line";
    /** How long SIGTERM waits for the endpoint to take the queue before syncing it to disk and exiting. */
    private static final Duration FLUSH_DEADLINE = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "agent";
    }

    @Override
    public String description() {
        return "[URL] [--spool DIR] [--config FILE] ...  host metrics on :8126/metrics for Prometheus, pushed as JSON"
                + " to URL every 10 s";
    }

    @Override
    public int run(String[] args) {
        AgentOptions options;
        try {
            options = AgentOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("agent: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        Loop.run(() -> HostAgent.start(options, System.err::println).onSuccess(agent -> {
            String where = "http://" + options.bind + ":" + agent.statusPort();
            System.err.println(options.endpoint == null ? "agent serving " + where + "/metrics"
                    : "agent reporting to " + options.endpoint + " every " + options.interval.toMillis() + " ms"
                            + (options.spool != null ? ", spooling to " + options.spool : "")
                            + "; metrics at " + where + "/metrics, status at " + where + "/");
            for (String signal : new String[] {"SIGTERM", "SIGINT"}) {
                Process.current().on(signal, (String s) -> agent.shutdown(FLUSH_DEADLINE).onComplete((v, e) -> {
                    System.err.println("agent: " + s + ", " + agent.queue().size() + " reports left in the queue");
                    Process.current().exit(0);
                }));
            }
        }).onFailure(e -> {
            System.err.println("agent: " + e.getMessage());
            Process.current().exit(1);
        }));
        return 0;
    }
}
