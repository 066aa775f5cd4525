package dev.stardust.examples;

import dev.stardust.Promise;
import dev.stardust.http.Http;
import dev.stardust.http.HttpServer;
import dev.stardust.http.IncomingMessage;
import dev.stardust.http.ServerResponse;
import dev.stardust.json.Json;
import java.util.Map;

/**
 * The agent's HTTP side: {@code GET /metrics} for Prometheus (the text format, or OpenMetrics when the scraper's
 * {@code Accept} header prefers it), with the host's figures read at each scrape on the worker pool and the agent's
 * own counters; any other path answers the counters as JSON, the status page the agent always had. Loop thread.
 */
final class AgentServer {
    private final HostAgent agent;
    private final HttpServer http;
    /** The configured labels, rendered once for every sample. */
    private final String constLabels;
    /** Scrapes served in the text format and in OpenMetrics. */
    private final long[] scrapes = new long[Exposition.Format.values().length];
    /** The size of the last exposition, so that the next one's builder is allocated once at the right size. */
    private int lastSize = 16 * 1024;

    AgentServer(HostAgent agent) {
        this.agent = agent;
        this.constLabels = Exposition.renderLabels(agent.options().labels);
        this.http = Http.createServer(this::handle);
    }

    /** Starts listening on {@code host:port} (0: any free port). */
    Promise<HttpServer> listen(int port, String host) {
        return http.listen(port, host);
    }

    /** The port it listens on. */
    int port() {
        return http.address().port();
    }

    /** Stops listening and closes the scrapers' connections. */
    Promise<Void> close() {
        http.closeAllConnections();
        return http.close();
    }

    private void handle(IncomingMessage req, ServerResponse res) {
        if (req.path().equals("/metrics")) {
            scrape(req, res);
            return;
        }
        res.writeHead(200, Map.of("Content-Type", "application/json"));
        res.end(Json.stringify(agent.counters()) + "\n");
    }

    private void scrape(IncomingMessage req, ServerResponse res) {
        Exposition.Format format = Exposition.negotiate(req.headers().get("accept").orElse(""));
        int size = lastSize;
        agent.loop().executeBlocking(() -> {
            Exposition out = new Exposition(format, constLabels, new StringBuilder(size + size / 8));
            agent.node().write(out);
            return out;
        }).onComplete((out, error) -> {
            if (error != null) {
                res.writeHead(500, Map.of("Content-Type", "text/plain; charset=utf-8"));
                res.end("scrape failed: " + error + "\n");
                return;
            }
            scrapes[format.ordinal()]++;
            own(out);
            out.finish();
            lastSize = out.out().length();
            res.writeHead(200, Map.of("Content-Type", format.contentType()));
            res.end(out.out().toString());
        });
    }

    /** The agent's own counters, after the host's figures. */
    private void own(Exposition out) {
        ReportQueue queue = agent.queue();
        counter(out, "stardust_agent_reports_collected_total", "Reports the agent sampled for its endpoint.",
                agent.collected());
        counter(out, "stardust_agent_reports_sent_total", "Reports the endpoint acknowledged.", agent.sent());
        counter(out, "stardust_agent_reports_dropped_total",
                "Reports dropped, oldest first, because the queue or spool was full.", agent.dropped());
        counter(out, "stardust_agent_send_failures_total", "Batches the endpoint failed or refused.",
                agent.failures());
        out.gauge("stardust_agent_queue_reports", "Reports waiting to be sent.")
                .sample("stardust_agent_queue_reports").value(queue.size());
        out.gauge("stardust_agent_queue_bytes", "Bytes of reports waiting, on disk when spooled.")
                .sample("stardust_agent_queue_bytes").value(queue.bytes());
        long[] lag = agent.lag();
        out.gauge("stardust_agent_loop_lag_seconds", "How late the agent's interval timer fired last: the event"
                + " loop's lag.").sample("stardust_agent_loop_lag_seconds").value(lag[0] / 1e9);
        out.gauge("stardust_agent_loop_lag_max_seconds", "The largest loop lag seen since the agent started.")
                .sample("stardust_agent_loop_lag_max_seconds").value(lag[1] / 1e9);
        out.counter("stardust_agent_scrapes_total", "Scrapes of /metrics served, this one included, by format.");
        out.sample("stardust_agent_scrapes_total").label("format", "text").value(scrapes[0]);
        out.sample("stardust_agent_scrapes_total").label("format", "openmetrics").value(scrapes[1]);
    }

    private static void counter(Exposition out, String name, String help, long value) {
        out.counter(name, help).sample(name).value(value);
    }
}
