package dev.stardust.examples;

import dev.stardust.Buffer;
import dev.stardust.Loop;
import dev.stardust.Promise;
import dev.stardust.Timer;
import dev.stardust.Timers;
import dev.stardust.http.ClientRequest;
import dev.stardust.http.Http;
import dev.stardust.http.Https;
import dev.stardust.http.IncomingMessage;
import dev.stardust.http.HttpServer;
import dev.stardust.http.RequestOptions;
import dev.stardust.tls.TlsOptions;
import dev.stardust.json.Json;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@code agent} example's engine, on the current loop: samples {@link HostMetrics} every interval, queues
 * the reports (at most {@code queueBound}: when full the oldest is dropped and counted), POSTs them as a JSON array
 * to the endpoint one batch at a time, retries with exponential backoff (from the interval, doubling, capped) while
 * the endpoint is down, and answers its counters as JSON on a local status port. Loop thread only.
 */
final class HostAgent {
    private static final int MAX_BATCH = 50;

    private final Loop loop = Loop.current();
    private final RequestOptions endpoint;
    /** TLS settings when the endpoint is {@code https://}, else null. */
    private final @Nullable TlsOptions tls;
    private final Duration interval;
    private final Duration backoffCap;
    private final int queueBound;
    private final Consumer<String> log;
    private final HostMetrics metrics = new HostMetrics();
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final long started = System.nanoTime();
    private long collected;
    private long sent;
    private long dropped;
    private long failures;
    private String lastError = "";
    private int attempt;
    private boolean inFlight;
    private @Nullable Timer retry;
    private @Nullable Timer sampler;
    private @Nullable HttpServer status;
    private boolean closed;

    private HostAgent(String url, @Nullable TlsOptions tls, Duration interval, Duration backoffCap, int queueBound,
            Consumer<String> log) {
        boolean secure = url.regionMatches(true, 0, "https://", 0, 8);
        this.tls = secure ? (tls != null ? tls : TlsOptions.defaults()) : null;
        this.endpoint = (secure ? Https.options(url) : RequestOptions.of(url)).withMethod("POST").withHeader("Content-Type", "application/json")
                .withoutAgent().withTimeout(Duration.ofSeconds(10));
        this.interval = interval;
        this.backoffCap = backoffCap;
        this.queueBound = queueBound;
        this.log = log;
    }

    /**
     * Starts an agent reporting to {@code url} on the current loop, its status page on {@code statusPort}
     * (0: any free port); the promise completes once the status page listens.
     */
    static Promise<HostAgent> start(String url, Duration interval, Duration backoffCap, int queueBound,
            int statusPort, Consumer<String> log) {
        return start(url, null, interval, backoffCap, queueBound, statusPort, log);
    }

    /**
     * As {@link #start(String, Duration, Duration, int, int, Consumer)}; an {@code https://} endpoint is verified
     * with {@code tls} (null: the JDK's trust store and the host name).
     */
    static Promise<HostAgent> start(String url, @Nullable TlsOptions tls, Duration interval, Duration backoffCap,
            int queueBound, int statusPort, Consumer<String> log) {
        HostAgent agent = new HostAgent(url, tls, interval, backoffCap, queueBound, log);
        HttpServer server = Http.createServer((req, res) -> {
            res.writeHead(200, Map.of("Content-Type", "application/json"));
            res.end(Json.stringify(agent.counters()) + "\n");
        });
        agent.status = server;
        return server.listen(statusPort, "127.0.0.1").map(listening -> {
            agent.sampler = Timers.setInterval(agent::sample, interval.toMillis());
            agent.sample();
            return agent;
        });
    }

    /** The status page's port. */
    int statusPort() {
        HttpServer server = status;
        return server == null ? 0 : server.address().port();
    }

    /** The counters the status page shows. */
    Map<String, Object> counters() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("collected", collected);
        c.put("sent", sent);
        c.put("dropped", dropped);
        c.put("failures", failures);
        c.put("queued", queue.size());
        c.put("queueBound", queueBound);
        c.put("lastError", lastError);
        c.put("uptimeSeconds", (System.nanoTime() - started) / 1_000_000_000L);
        return c;
    }

    private void sample() {
        loop.executeBlocking(metrics::sample).onComplete((report, error) -> {
            if (closed) {
                return;
            }
            if (error != null) {
                lastError = String.valueOf(error.getMessage());
                return;
            }
            collected++;
            if (queue.size() >= queueBound) {
                queue.pollFirst();
                dropped++;
            }
            queue.addLast(Json.stringify(report));
            send();
        });
    }

    private void send() {
        if (inFlight || retry != null || queue.isEmpty() || closed) {
            return;
        }
        inFlight = true;
        List<String> batch = new ArrayList<>();
        for (String report : queue) {
            if (batch.size() == MAX_BATCH) {
                break;
            }
            batch.add(report);
        }
        boolean[] done = {false};
        Consumer<@Nullable String> finish = failure -> {
            if (done[0]) {
                return;
            }
            done[0] = true;
            inFlight = false;
            if (failure == null) {
                // The batch is the head of the queue unless reports were dropped meanwhile: drop what was sent.
                int popped = 0;
                for (String report : batch) {
                    if (!queue.isEmpty() && queue.peekFirst() == report) {
                        queue.pollFirst();
                        popped++;
                    }
                }
                sent += batch.size();
                // Reports dropped from a full queue while their batch was in flight were delivered after all: they
                // were counted as dropped, and are not lost (collected stays sent + dropped + queued).
                dropped -= batch.size() - popped;
                if (attempt > 0) {
                    log.accept("agent: endpoint is back after " + attempt + " failed attempts, " + queue.size()
                            + " reports still queued, " + dropped + " dropped so far");
                }
                attempt = 0;
                send();
            } else {
                failures++;
                lastError = failure;
                if (attempt == 0) {
                    log.accept("agent: sending failed (" + failure + "), queueing up to " + queueBound
                            + " reports and retrying with backoff");
                }
                long delay = Math.min(backoffCap.toMillis(), interval.toMillis() << Math.min(attempt, 20));
                attempt++;
                if (!closed) {
                    retry = Timers.setTimeout(() -> {
                        retry = null;
                        send();
                    }, Math.max(1, delay));
                }
            }
        };
        TlsOptions secure = tls;
        Consumer<IncomingMessage> onResponse = res -> {
            res.resume();
            res.onError(e -> finish.accept(String.valueOf(e.getMessage())));
            res.onEnd(() -> finish.accept(res.statusCode() / 100 == 2 ? null : "HTTP " + res.statusCode()));
        };
        ClientRequest req = secure != null ? Https.request(endpoint, secure, onResponse)
                : Http.request(endpoint, onResponse);
        req.on("error", (Throwable e) -> finish.accept(String.valueOf(e.getMessage())));
        req.end(Buffer.from("[" + String.join(",", batch) + "]"));
    }

    /** Stops sampling, sending and the status page. */
    Promise<Void> close() {
        closed = true;
        Timers.clearInterval(sampler);
        Timers.clearTimeout(retry);
        retry = null;
        HttpServer server = status;
        if (server == null) {
            return Promise.resolved(null);
        }
        server.closeAllConnections();
        return server.close();
    }
}
