package dev.stardust.examples;

import dev.stardust.json.Json;
import dev.stardust.json.ParseOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code agent}'s settings: defaults, then a JSON configuration file ({@code --config FILE}; comments and
 * trailing commas allowed), then the command line, each overriding the one before. The bearer token comes from
 * {@code --token-file FILE} (or {@code "tokenFile"}) or the {@code STARDUST_AGENT_TOKEN} environment variable, never
 * from the command line, where every user of the host could read it in {@code ps}. Parsing fails with an
 * {@link IllegalArgumentException} whose message is meant for the operator.
 */
final class AgentOptions {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    static final String TOKEN_VARIABLE = "STARDUST_AGENT_TOKEN";

    /** Where reports are POSTed; null for an agent that is only scraped. */
    @Nullable String endpoint;
    Duration interval = Duration.ofSeconds(10);
    Duration backoffMax = Duration.ofSeconds(60);
    int port = 8126;
    String bind = "127.0.0.1";
    int queue = 1000;
    @Nullable Path ca;
    /** The spool directory of the durable queue; null for the in-memory queue. */
    @Nullable Path spool;
    long spoolMaxBytes = 16L << 20;
    @Nullable String token;
    Set<String> collectors = new LinkedHashSet<>(List.of("cpu", "memory", "disk", "network", "load"));
    Map<String, String> labels = new LinkedHashMap<>();

    /** The settings {@code args} and the environment make. */
    static AgentOptions parse(String[] args, Map<String, String> env) {
        AgentOptions o = new AgentOptions();
        int first = 0;
        if (args.length > 0 && !args[0].startsWith("--")) {
            first = 1;
        }
        for (int i = first; i < args.length; i += 2) {
            if (args[i].equals("--config")) {
                o.load(Path.of(value(args, i)));
            }
        }
        if (first == 1) {
            o.endpoint = args[0];
        }
        Path tokenFile = null;
        boolean labelsFromFlags = false;
        for (int i = first; i < args.length; i += 2) {
            String v = value(args, i);
            switch (args[i]) {
                case "--config" -> { }
                case "--interval" -> o.interval = seconds(v, "--interval");
                case "--backoff-max" -> o.backoffMax = seconds(v, "--backoff-max");
                case "--port" -> o.port = Integer.parseInt(v);
                case "--bind" -> o.bind = v;
                case "--queue" -> o.queue = Integer.parseInt(v);
                case "--ca" -> o.ca = Path.of(v);
                case "--spool" -> o.spool = Path.of(v);
                case "--spool-max" -> o.spoolMaxBytes = bytes(v);
                case "--token-file" -> tokenFile = Path.of(v);
                case "--collectors" -> o.collectors = collectors(List.of(v.split(",")));
                case "--label" -> {
                    if (!labelsFromFlags) {
                        labelsFromFlags = true; // flags replace the file's labels rather than merge with them
                        o.labels = new LinkedHashMap<>();
                    }
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--label wants NAME=VALUE, not " + v);
                    }
                    o.label(v.substring(0, eq), v.substring(eq + 1));
                }
                case "--token" -> throw new IllegalArgumentException("a token on the command line is visible to every"
                        + " user in ps: use --token-file FILE or the " + TOKEN_VARIABLE + " environment variable");
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (tokenFile != null) {
            o.token = readToken(tokenFile);
        } else if (o.token == null && env.get(TOKEN_VARIABLE) != null && !env.get(TOKEN_VARIABLE).isBlank()) {
            o.token = env.get(TOKEN_VARIABLE).trim();
        }
        if (o.interval.isZero() || o.interval.isNegative()) {
            throw new IllegalArgumentException("the interval must be positive");
        }
        return o;
    }

    private static String value(String[] args, int i) {
        if (!args[i].startsWith("--")) {
            throw new IllegalArgumentException("unexpected argument " + args[i]);
        }
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    /** Reads the configuration file; its settings are overridden by the flags parsed after. */
    private void load(Path file) {
        Object parsed;
        try {
            parsed = Json.parse(Files.readString(file), ParseOptions.strict().withComments(true)
                    .withTrailingCommas(true));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> config)) {
            throw new IllegalArgumentException(file + ": the configuration is a JSON object");
        }
        for (Map.Entry<?, ?> e : config.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object v = e.getValue();
            switch (key) {
                case "endpoint" -> endpoint = string(v, key);
                case "interval" -> interval = seconds(string(v, key), key);
                case "backoffMax" -> backoffMax = seconds(string(v, key), key);
                case "port" -> port = Integer.parseInt(string(v, key));
                case "bind" -> bind = string(v, key);
                case "queue" -> queue = Integer.parseInt(string(v, key));
                case "ca" -> ca = file.resolveSibling(string(v, key));
                case "spool" -> spool = file.resolveSibling(string(v, key));
                case "spoolMaxBytes" -> spoolMaxBytes = bytes(string(v, key));
                case "tokenFile" -> token = readToken(file.resolveSibling(string(v, key)));
                case "collectors" -> {
                    if (!(v instanceof List<?> list)) {
                        throw new IllegalArgumentException(file + ": \"collectors\" is an array of names");
                    }
                    collectors = collectors(list.stream().map(String::valueOf).toList());
                }
                case "labels" -> {
                    if (!(v instanceof Map<?, ?> map)) {
                        throw new IllegalArgumentException(file + ": \"labels\" is an object of strings");
                    }
                    labels = new LinkedHashMap<>();
                    map.forEach((name, value) -> label(String.valueOf(name), string(value, "labels")));
                }
                default -> throw new IllegalArgumentException(file + ": unknown setting \"" + key + "\"");
            }
        }
    }

    private void label(String name, String value) {
        if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
            throw new IllegalArgumentException("invalid label name " + name + " (letters, digits, _; not __ first)");
        }
        labels.put(name, value);
    }

    private static String string(@Nullable Object v, String key) {
        if (v instanceof String || v instanceof Number) {
            return String.valueOf(v);
        }
        throw new IllegalArgumentException("\"" + key + "\" wants a string or a number, not " + v);
    }

    private static Duration seconds(String v, String what) {
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " wants seconds, not " + v);
        }
    }

    /** A size in bytes, with an optional {@code k}, {@code m} or {@code g} suffix (powers of 1024). */
    static long bytes(String v) {
        String s = v.trim().toLowerCase(java.util.Locale.ROOT);
        int shift = s.endsWith("k") ? 10 : s.endsWith("m") ? 20 : s.endsWith("g") ? 30 : 0;
        if (shift > 0) {
            s = s.substring(0, s.length() - 1);
        }
        return Long.parseLong(s) << shift;
    }

    private static Set<String> collectors(List<String> names) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String name : names) {
            String n = name.trim();
            if (!NodeCollectors.ALL.contains(n)) {
                throw new IllegalArgumentException("unknown collector " + n + " (known: cpu, memory, disk, network,"
                        + " load)");
            }
            chosen.add(n);
        }
        return chosen;
    }

    private static String readToken(Path file) {
        try {
            String token = Files.readString(file).trim();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("the token file " + file + " is empty");
            }
            return token;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the token file " + file + ": " + e.getMessage());
        }
    }
}
