package dev.stardust.benchmarks.json;

import dev.stardust.json.Json;
import dev.stardust.json.JsonStreamParser;
import dev.stardust.json.ParseOptions;
import dev.stardust.json.StringifyOptions;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON benchmarks timed by CPU rather than by the clock, for a shared machine: JMH's average time counts the
 * time a benchmark waits for a core that other processes hold, this counts the CPU the whole JVM spent (the
 * benchmark thread, GC and JIT threads) and the benchmark thread alone per operation, plus the bytes it allocated
 * per operation. The warm-up is half the measured time (at least 2 s). One
 * implementation per JVM: {@code java -cp stardust-benchmarks.jar dev.stardust.benchmarks.json.JsonCpuTime
 * parse|stringify|stream IMPL SHAPE SIZE SECONDS}; run the implementations alternately (see README).
 */
public final class JsonCpuTime {
    private static volatile Object sink;

    private JsonCpuTime() {}

    public static void main(String[] args) {
        String op = args[0];
        String impl = args[1];
        String shape = args[2];
        int size = Integer.parseInt(args[3]);
        double seconds = Double.parseDouble(args[4]);
        Supplier<Object> task = task(op, impl, shape, size);
        run(task, Math.max(2, seconds / 2)); // warm-up
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long cpu0 = os.getProcessCpuTime();
        long thread0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long alloc0 = threads.getThreadAllocatedBytes(tid);
        long ops = run(task, seconds);
        long alloc = threads.getThreadAllocatedBytes(tid) - alloc0;
        long wall = System.nanoTime() - wall0;
        long cpu = os.getProcessCpuTime() - cpu0;
        long thread = threads.getCurrentThreadCpuTime() - thread0;
        System.out.printf("%s %s %s %d ops=%d cpu_us_per_op=%.2f thread_cpu_us_per_op=%.2f wall_us_per_op=%.2f "
                + "alloc_B_per_op=%d%n", op, impl, shape, size, ops, cpu / 1e3 / ops, thread / 1e3 / ops,
                wall / 1e3 / ops, alloc / ops);
    }

    private static long run(Supplier<Object> task, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long ops = 0;
        do {
            sink = task.get();
            ops++;
        } while (System.nanoTime() < end);
        return ops;
    }

    private static Supplier<Object> task(String op, String impl, String shape, int size) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(-1).build()).build();
        JsonMapper mapper = JsonMapper.builder(factory).build();
        if (op.equals("stream")) {
            byte[] lines = JsonDocuments.logLines(size);
            byte[] array = JsonDocuments.asArray(lines);
            return switch (impl) {
                case "stardust" -> () -> {
                    long[] count = new long[1];
                    JsonStreamParser p = JsonStreamParser.values(ParseOptions.strict(), v -> count[0]++);
                    for (int i = 0; i < lines.length; i += 65536) {
                        p.feed(lines, i, Math.min(65536, lines.length - i));
                    }
                    p.end();
                    return count[0];
                };
                case "whole" -> () -> Json.parse(array);
                case "raw" -> () -> tokens(factory, lines);
                default -> throw new IllegalArgumentException(impl);
            };
        }
        byte[] document = JsonDocuments.of(shape, size);
        if (op.equals("parse")) {
            return switch (impl) {
                case "stardust" -> () -> Json.parse(document);
                case "databind" -> () -> mapper.readValue(document, Object.class);
                case "raw" -> () -> tokens(factory, document);
                default -> throw new IllegalArgumentException(impl);
            };
        }
        Object tree = Json.parse(document);
        return switch (impl) {
            case "stardust" -> () -> Json.stringify(tree);
            case "stardustBytes" -> () -> Json.stringifyToBytes(tree, StringifyOptions.defaults());
            case "databind" -> () -> mapper.writeValueAsString(tree);
            case "databindBytes" -> () -> mapper.writeValueAsBytes(tree);
            case "raw" -> () -> generate(factory, tree, size);
            default -> throw new IllegalArgumentException(impl);
        };
    }

    /** The stringify floor, as {@link JsonStringifyBenchmark#rawGenerator}: the bare walk into a generator. */
    static String generate(JsonFactory factory, Object tree, int size) {
        StringWriter out = new StringWriter(size + 1024);
        try (JsonGenerator g = factory.createGenerator(ObjectWriteContext.empty(), out)) {
            JsonStringifyBenchmark.write(g, tree);
        }
        return out.toString();
    }

    /** The floor, as {@link JsonParseBenchmark#rawTokens}: every token, names, strings and numbers materialized. */
    static Object tokens(JsonFactory factory, byte[] input) {
        long h = 0;
        try (JsonParser p = factory.createParser(ObjectReadContext.empty(), input)) {
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                switch (t) {
                    case PROPERTY_NAME -> h += p.currentName().hashCode();
                    case VALUE_STRING -> h += p.getString().length();
                    case VALUE_NUMBER_INT -> h += p.getLongValue();
                    case VALUE_NUMBER_FLOAT -> h += (long) p.getDoubleValue();
                    default -> h += t.ordinal();
                }
            }
        }
        return h;
    }
}
