package dev.stardust.benchmarks.json;

import dev.stardust.json.Json;
import dev.stardust.json.JsonStreamParser;
import dev.stardust.json.ParseOptions;
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
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * The NDJSON path (the {@code json-pretty} example's): about 1 MB of log lines fed to
 * {@link JsonStreamParser#values} in 64 KB chunks, against {@code Json.parse} of the same records as one array
 * (the same bytes plus commas: throughput per byte should match) and jackson-core's blocking parser reading the
 * lines as a sequence of root values, names, strings and numbers materialized (the floor).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class JsonStreamBenchmark {
    @Param({"1048576"})
    public int size;

    @Param({"65536"})
    public int chunk;

    private byte[] lines;
    private byte[] array;
    private JsonFactory factory;

    @Setup
    public void setup() {
        lines = JsonDocuments.logLines(size);
        array = JsonDocuments.asArray(lines);
        factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(-1).build()).build();
    }

    @Benchmark
    public void streamValues(Blackhole bh) {
        JsonStreamParser parser = JsonStreamParser.values(ParseOptions.strict(), bh::consume);
        for (int i = 0; i < lines.length; i += chunk) {
            parser.feed(lines, i, Math.min(chunk, lines.length - i));
        }
        parser.end();
    }

    @Benchmark
    public Object wholeArray() {
        return Json.parse(array);
    }

    @Benchmark
    public void rawTokens(Blackhole bh) {
        try (JsonParser p = factory.createParser(ObjectReadContext.empty(), lines)) {
            JsonParseBenchmark.tokens(p, bh);
        }
    }
}
