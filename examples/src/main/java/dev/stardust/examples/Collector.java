package dev.stardust.examples;

import dev.stardust.Buffer;
import dev.stardust.Promise;
import dev.stardust.fs.Fs;
import dev.stardust.http.Http;
import dev.stardust.http.HttpServer;
import dev.stardust.http.IncomingMessage;
import dev.stardust.http.ServerResponse;
import dev.stardust.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@code collector} example's server, on the current loop: accepts the {@code agent}'s POSTs (a JSON report
 * or an array of them) and hands each new report, as one line of JSON, to a consumer; answers 204, 400 for a body
 * that is not JSON, 401 without the bearer token when it has one. Delivery from the agent is at least once, so a
 * report carrying an {@code agent} and a {@code seq} the collector has already taken from that agent is dropped and
 * counted as a duplicate (an agent sends in order, so the highest number seen per agent is all it keeps). With an
 * output file the reports are appended to it before the agent gets its 204, and the file is read at start so that
 * duplicates are recognised across a collector restart too. {@code GET} answers the counters as JSON.
 */
final class Collector {
    private final HttpServer server;
    private final byte @Nullable [] token;
    private final @Nullable String out;
    private final Map<String, Long> lastSeq = new HashMap<>();
    private long received;
    private long duplicates;
    private long unauthorized;

    private Collector(@Nullable String token, @Nullable String out, Consumer<String> onReport) {
        this.token = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.out = out;
        this.server = Http.createServer((req, res) -> handle(req, res, onReport));
    }

    /** Starts a collector on {@code port} (0: any free port) of {@code host}. */
    static Promise<Collector> start(String host, int port, Consumer<String> onReport) {
        return start(host, port, null, null, onReport);
    }

    /**
     * Starts a collector that wants {@code token} (null: none) and appends the reports it takes to {@code out} (null:
     * none), after reading what that file already holds.
     */
    static Promise<Collector> start(String host, int port, @Nullable String token, @Nullable String out,
            Consumer<String> onReport) {
        Collector c = new Collector(token, out, onReport);
        Promise<List<Object>> taken = out == null ? Promise.resolved(List.of())
                : dev.stardust.Loop.current().executeBlocking(() -> load(java.nio.file.Path.of(out)));
        return taken.flatMap(reports -> {
            reports.forEach(c::seen);
            return c.server.listen(port, host);
        }).map(s -> c);
    }

    /**
     * The reports an earlier collector stored in {@code file}; a last line cut short (that collector killed while
     * writing it, before its 204) is removed, since the agent sends that report again.
     */
    private static List<Object> load(java.nio.file.Path file) throws java.io.IOException {
        List<Object> reports = new ArrayList<>();
        if (!java.nio.file.Files.exists(file)) {
            return reports;
        }
        byte[] data = java.nio.file.Files.readAllBytes(file);
        int end = data.length;
        while (end > 0 && data[end - 1] != '\n') {
            end--;
        }
        if (end < data.length) {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(end);
            }
        }
        for (String line : new String(data, 0, end, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                reports.add(Json.parse(line));
            }
        }
        return reports;
    }

    private void handle(IncomingMessage req, ServerResponse res, Consumer<String> onReport) {
        byte[] want = token;
        if (want != null && !MessageDigest.isEqual(want, req.headers().get("authorization").orElse("")
                .getBytes(StandardCharsets.UTF_8))) {
            unauthorized++;
            req.resume();
            res.writeHead(401, Map.of("WWW-Authenticate", "Bearer")).end();
            return;
        }
        if (req.method().equals("GET")) {
            Map<String, Object> counters = new LinkedHashMap<>();
            counters.put("received", received);
            counters.put("duplicates", duplicates);
            counters.put("unauthorized", unauthorized);
            res.writeHead(200, Map.of("Content-Type", "application/json")).end(Json.stringify(counters) + "\n");
            return;
        }
        List<Buffer> body = new ArrayList<>();
        req.onData(body::add);
        req.onEnd(() -> {
            Object parsed;
            try {
                parsed = Json.parse(Buffer.concat(body).toByteArray());
            } catch (RuntimeException e) {
                res.statusCode(400).end(e.getMessage() + "\n");
                return;
            }
            List<?> reports = parsed instanceof List<?> list ? list : java.util.Collections.singletonList(parsed);
            List<Object> fresh = new ArrayList<>();
            Map<String, Long> batchSeen = new HashMap<>();
            for (Object report : reports) {
                if (isNew(report, batchSeen)) {
                    fresh.add(report);
                } else {
                    duplicates++;
                }
            }
            StringBuilder lines = new StringBuilder();
            for (Object report : fresh) {
                lines.append(Json.stringify(report)).append('\n');
            }
            Promise<Void> stored = out == null || fresh.isEmpty() ? Promise.resolved(null)
                    : Fs.appendFile(out, lines.toString());
            stored.onComplete((v, e) -> {
                if (e != null) {
                    res.statusCode(500).end("cannot store the reports: " + e.getMessage() + "\n");
                    return;
                }
                for (Object report : fresh) {
                    seen(report);
                    received++;
                    onReport.accept(Json.stringify(report));
                }
                res.statusCode(204).end();
            });
        });
    }

    /** Whether {@code report} is not one taken before (nor earlier in the same batch). */
    private boolean isNew(@Nullable Object report, Map<String, Long> batchSeen) {
        if (!(report instanceof Map<?, ?> m) || !(m.get("agent") instanceof String agent)
                || !(m.get("seq") instanceof Number seq)) {
            return true; // a report without an id (an older agent, node's agent.js) cannot be recognised
        }
        long before = Math.max(lastSeq.getOrDefault(agent, 0L), batchSeen.getOrDefault(agent, 0L));
        if (seq.longValue() <= before) {
            return false;
        }
        batchSeen.put(agent, seq.longValue());
        return true;
    }

    private void seen(@Nullable Object report) {
        if (report instanceof Map<?, ?> m && m.get("agent") instanceof String agent
                && m.get("seq") instanceof Number seq) {
            lastSeq.merge(agent, seq.longValue(), Math::max);
        }
    }

    /** The port it listens on. */
    int port() {
        return server.address().port();
    }

    /** How many reports it took (duplicates not counted). */
    long received() {
        return received;
    }

    /** How many reports it dropped as already taken. */
    long duplicates() {
        return duplicates;
    }

    /** Stops listening and closes every connection, as a collector going down would. */
    Promise<Void> close() {
        server.closeAllConnections();
        return server.close();
    }
}
