package dev.stardust.benchmarks.json;

import dev.stardust.json.Json;
import dev.stardust.json.StringifyOptions;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writing the parsed 1 KB, 100 KB and 20 MB documents of each shape back to a string: {@code Json.stringify},
 * against a bare recursive walk calling jackson-core's generator into a pre-sized {@code StringWriter} (the floor)
 * and jackson-databind's {@code writeValueAsString}; and {@code Json.stringifyToBytes} against databind's
 * {@code writeValueAsBytes}. Fixed heap and collector per fork, as {@link JsonParseBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class JsonStringifyBenchmark {
    @Param({"1024", "102400", "20971520"})
    public int size;

    @Param({"api"})
    public String shape;

    private Object tree;
    private JsonFactory factory;
    private JsonMapper mapper;

    @Setup
    public void setup() {
        tree = Json.parse(JsonDocuments.of(shape, size));
        factory = new JsonFactory();
        mapper = JsonMapper.builder().build();
    }

    @Benchmark
    public String stardust() {
        return Json.stringify(tree);
    }

    @Benchmark
    public byte[] stardustBytes() {
        return Json.stringifyToBytes(tree, StringifyOptions.defaults());
    }

    @Benchmark
    public byte[] databindBytes() {
        return mapper.writeValueAsBytes(tree);
    }

    @Benchmark
    public String rawGenerator() {
        StringWriter out = new StringWriter(size + 1024);
        try (JsonGenerator g = factory.createGenerator(ObjectWriteContext.empty(), out)) {
            write(g, tree);
        }
        return out.toString();
    }

    @Benchmark
    public String databind() {
        return mapper.writeValueAsString(tree);
    }

    /** The floor's walk: a bare recursion over maps, lists and scalars. */
    static void write(JsonGenerator g, Object v) {
        if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object e : l) {
                write(g, e);
            }
            g.writeEndArray();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long n) {
            g.writeNumber(n);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeNull();
        }
    }
}
