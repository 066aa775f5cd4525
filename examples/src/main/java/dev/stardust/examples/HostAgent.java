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
import dev.stardust.http.RequestOptions;
import dev.stardust.json.Json;
import dev.stardust.tls.TlsOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@code agent} example's engine, on the current loop. Every interval it samples {@link HostMetrics} and queues
 * the report with an id ({@code agent id:sequence number}) in a bounded {@link ReportQueue} (in memory, or spooled
 * to disk so that it survives a restart), and POSTs the queue to the endpoint in order, one batch at a time, with a
 * bearer token when it has one; a failed batch is retried after a jittered exponential {@link Backoff} (from the
 * interval, doubling, capped). Delivery is at least once: a batch the collector took but whose answer was lost is
 * sent again, and the collector drops it by id. It also serves {@code /metrics} for Prometheus and its counters as
 * JSON ({@link AgentServer}). Without an endpoint it only serves. Loop thread only.
 */
final class HostAgent {
    private static final int MAX_BATCH = 50;

    private final Loop loop = Loop.current();
    private final AgentOptions options;
    private final @Nullable AgentEndpoint endpoint;
    private final Consumer<String> log;
    private final HostMetrics metrics;
    private final NodeCollectors node;
    private final ReportQueue queue;
    private final String agentId;
    private final Backoff backoff;
    private final long started = System.nanoTime();
    private long collected;
    private long sent;
    private long deliveredAfterDrop; // dropped from a full queue while in flight, then acknowledged
    private long failures;
    private long lastSeq;
    private String lastError = "";
    private boolean inFlight;
    private long lastTick = System.nanoTime();
    private long lagNanos;
    private long lagMaxNanos;
    private @Nullable Timer retry;
    private @Nullable Timer sampler;
    private @Nullable AgentServer server;
    private boolean closed;
    /** Completes a SIGTERM flush once the queue is empty or the endpoint fails; null when not flushing. */
    private @Nullable Runnable flushed;
    /** TLS settings given by a caller of the older {@code start}, which win over the options' CA. */
    private @Nullable TlsOptions tlsOverride;
    private @Nullable Promise<Void> closing;

    private HostAgent(AgentOptions options, ReportQueue queue, String agentId, Consumer<String> log) {
        this.options = options;
        this.endpoint = AgentEndpoint.of(options);
        this.queue = queue;
        this.agentId = agentId;
        this.log = log;
        this.metrics = new HostMetrics(options.collectors);
        this.node = new NodeCollectors(options.collectors);
        this.backoff = new Backoff(options.interval.toMillis(), options.backoffMax.toMillis(),
                () -> ThreadLocalRandom.current().nextDouble());
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
        AgentOptions o = new AgentOptions();
        o.endpoint = url;
        o.interval = interval;
        o.backoffMax = backoffCap;
        o.queue = queueBound;
        o.port = statusPort;
        return start(o, tls, log);
    }

    /** Starts an agent with {@code options} on the current loop; completes once its HTTP port listens. */
    static Promise<HostAgent> start(AgentOptions options, Consumer<String> log) {
        return start(options, null, log);
    }

    private static Promise<HostAgent> start(AgentOptions options, @Nullable TlsOptions tls, Consumer<String> log) {
        Promise<HostAgent> made = options.spool == null
                ? Promise.resolved(new HostAgent(options, new MemoryQueue(options.queue), UUID.randomUUID().toString(),
                        log))
                : SpoolQueue.open(options.spool, options.spoolMaxBytes).map(q -> {
                    if (q.size() > 0) {
                        log.accept("agent: " + q.size() + " reports spooled in " + options.spool + " to send");
                    }
                    return new HostAgent(options, q, q.agentId(), log);
                });
        return made.flatMap(agent -> {
            if (tls != null) {
                agent.tlsOverride = tls;
            }
            AgentServer s = new AgentServer(agent);
            agent.server = s;
            return s.listen(options.port, options.bind).map(listening -> {
                agent.sampler = Timers.setInterval(agent::tick, options.interval.toMillis());
                agent.sample();
                return agent;
            });
        });
    }

    /** The status page's port. */
    int statusPort() {
        AgentServer s = server;
        return s == null ? 0 : s.port();
    }

    /** The agent's settings. */
    AgentOptions options() {
        return options;
    }

    /** The figures {@code /metrics} serves under node_exporter's names. */
    NodeCollectors node() {
        return node;
    }

    /** The counters the status page shows. */
    Map<String, Object> counters() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("agentId", agentId);
        c.put("collected", collected);
        c.put("sent", sent);
        c.put("dropped", dropped());
        c.put("failures", failures);
        c.put("queued", (int) queue.size());
        c.put("queueBound", options.queue);
        c.put("queueBytes", queue.bytes());
        c.put("lastSeq", lastSeq);
        c.put("lastError", lastError);
        c.put("loopLagMs", lagNanos / 1_000_000);
        c.put("uptimeSeconds", (System.nanoTime() - started) / 1_000_000_000L);
        return c;
    }

    /** Reports sampled for the endpoint. */
    long collected() {
        return collected;
    }

    /** Reports the endpoint acknowledged. */
    long sent() {
        return sent;
    }

    /** Batches the endpoint failed or refused. */
    long failures() {
        return failures;
    }

    /** Reports dropped beyond the queue's bound that never reached the endpoint. */
    long dropped() {
        return queue.dropped() - deliveredAfterDrop;
    }

    /** The reports waiting for the endpoint. */
    ReportQueue queue() {
        return queue;
    }

    /** How late the interval timer fired last, and at worst: the loop's lag, in nanoseconds. */
    long[] lag() {
        return new long[] {lagNanos, lagMaxNanos};
    }

    private void tick() {
        long now = System.nanoTime();
        long lag = Math.max(0, now - lastTick - options.interval.toNanos());
        lastTick = now;
        lagNanos = lag;
        lagMaxNanos = Math.max(lagMaxNanos, lag);
        sample();
    }

    private void sample() {
        if (endpoint == null) {
            return;
        }
        loop.executeBlocking(metrics::sample).onComplete((report, error) -> {
            if (closed) {
                return;
            }
            if (error != null) {
                lastError = String.valueOf(error.getMessage());
                return;
            }
            collected++;
            if (!options.labels.isEmpty()) {
                report.put("labels", options.labels);
            }
            queue.add(seq -> {
                Map<String, Object> withId = new LinkedHashMap<>();
                withId.put("id", agentId + ":" + seq);
                withId.put("agent", agentId);
                withId.put("seq", seq);
                withId.putAll(report);
                return Json.stringify(withId);
            }).onComplete((seq, failed) -> {
                if (failed != null) {
                    lastError = "queue: " + failed.getMessage();
                    log.accept("agent: cannot queue a report: " + failed.getMessage());
                    return;
                }
                lastSeq = seq;
                send();
            });
        });
    }

    private void send() {
        if (inFlight || retry != null || endpoint == null || (closed && flushed == null)) {
            return;
        }
        inFlight = true;
        queue.peek(MAX_BATCH).onComplete((batch, error) -> {
            if (error != null || batch.isEmpty()) {
                inFlight = false;
                if (error != null) {
                    lastError = "queue: " + error.getMessage();
                }
                endFlush();
                return;
            }
            post(batch);
        });
    }

    private void post(List<ReportQueue.Entry> batch) {
        boolean[] done = {false};
        Consumer<@Nullable String> finish = failure -> {
            if (done[0]) {
                return;
            }
            done[0] = true;
            if (closed && flushed == null) {
                inFlight = false;
                return;
            }
            if (failure == null) {
                long through = batch.get(batch.size() - 1).seq();
                // Reports of this batch dropped from a full queue while it was in flight reached the collector
                // all the same: sent, not dropped (collected stays sent + dropped + queued).
                long droppedThrough = queue.droppedThrough();
                for (ReportQueue.Entry e : batch) {
                    if (e.seq() <= droppedThrough) {
                        deliveredAfterDrop++;
                    }
                }
                queue.ack(through).onComplete((ok, ackError) -> {
                    inFlight = false;
                    sent += batch.size();
                    if (backoff.attempts() > 0) {
                        log.accept("agent: endpoint is back after " + backoff.attempts() + " failed attempts, "
                                + queue.size() + " reports still queued, " + dropped() + " dropped so far");
                    }
                    backoff.reset();
                    send();
                });
                return;
            }
            inFlight = false;
            failures++;
            lastError = failure;
            if (backoff.attempts() == 0) {
                log.accept("agent: sending failed (" + failure + "), queueing up to "
                        + (options.spool == null ? options.queue + " reports" : options.spoolMaxBytes
                        + " bytes in " + options.spool) + " and retrying with backoff");
            }
            if (flushed != null) {
                endFlush(); // shutting down with the endpoint away: the queue keeps the rest for the next start
                return;
            }
            long delay = backoff.next();
            if (!closed) {
                retry = Timers.setTimeout(() -> {
                    retry = null;
                    send();
                }, delay);
            }
        };
        Consumer<IncomingMessage> onResponse = res -> {
            res.resume();
            res.onError(e -> finish.accept(String.valueOf(e.getMessage())));
            res.onEnd(() -> finish.accept(res.statusCode() / 100 == 2 ? null : "HTTP " + res.statusCode()
                    + (res.statusCode() == 401 || res.statusCode() == 403 ? " (check the agent's token)" : "")));
        };
        StringBuilder body = new StringBuilder("[");
        for (ReportQueue.Entry e : batch) {
            body.append(body.length() > 1 ? "," : "").append(e.json());
        }
        RequestOptions target = endpoint.request();
        TlsOptions secure = tlsOverride != null && endpoint.tls() != null ? tlsOverride : endpoint.tls();
        ClientRequest req = secure != null ? Https.request(target, secure, onResponse)
                : Http.request(target, onResponse);
        req.on("error", (Throwable e) -> finish.accept(String.valueOf(e.getMessage())));
        req.end(Buffer.from(body.append(']').toString()));
    }

    private void endFlush() {
        Runnable done = flushed;
        if (done != null && !inFlight) {
            flushed = null;
            done.run();
        }
    }

    /**
     * SIGTERM's path: stops sampling, sends what is queued while the endpoint takes it (at most {@code deadline}),
     * then syncs the queue to disk and closes. What could not be sent stays spooled for the next start.
     */
    Promise<Void> shutdown(Duration deadline) {
        if (closed) {
            return Promise.resolved(null);
        }
        closed = true;
        Timers.clearInterval(sampler);
        Timers.clearTimeout(retry);
        retry = null;
        return Promise.<Void>create((resolve, reject) -> {
            Timer[] limit = new Timer[1];
            flushed = () -> {
                Timers.clearTimeout(limit[0]);
                resolve.accept(null);
            };
            limit[0] = Timers.setTimeout(() -> {
                flushed = null;
                resolve.accept(null);
            }, deadline.toMillis());
            if (endpoint == null) {
                endFlush();
            } else {
                send();
            }
        }).flatMap(x -> closeResources());
    }

    /** Stops sampling, sending and the status page, and closes the queue (syncing a spool). */
    Promise<Void> close() {
        closed = true;
        flushed = null;
        Timers.clearInterval(sampler);
        Timers.clearTimeout(retry);
        retry = null;
        return closeResources();
    }

    private Promise<Void> closeResources() {
        Promise<Void> done = closing;
        if (done == null) {
            AgentServer s = server;
            Promise<Void> stopped = s == null ? Promise.resolved(null) : s.close();
            done = stopped.flatMap(x -> queue.close());
            closing = done;
        }
        return done;
    }

    /** The server's HTTP side needs the loop it runs on. */
    Loop loop() {
        return loop;
    }

    /** Whether the agent has stopped. */
    boolean closed() {
        return closed;
    }
}
