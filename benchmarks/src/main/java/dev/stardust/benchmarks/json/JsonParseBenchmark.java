package dev.stardust.benchmarks.json;

import dev.stardust.json.Json;
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
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parsing a 1 KB, 100 KB and 20 MB document of each shape ({@link JsonDocuments}): {@code Json.parse} to maps and
 * lists, against jackson-core's token stream with each name, string and number materialized (the floor: no tree)
 * and jackson-databind to {@code Object} (a {@code LinkedHashMap} for objects). Each fork has a fixed 2 GB heap and the parallel collector, so that runs
 * differ by the code, not by how the JVM sized itself; run with {@code -prof gc} for bytes allocated per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class JsonParseBenchmark {
    @Param({"1024", "102400", "20971520"})
    public int size;

    @Param({"api"})
    public String shape;

    private byte[] document;
    private JsonFactory factory;
    private JsonMapper mapper;

    @Setup
    public void setup() {
        document = JsonDocuments.of(shape, size);
        factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(-1).build()).build();
        mapper = JsonMapper.builder(factory).build();
    }

    @Benchmark
    public Object stardust() {
        return Json.parse(document);
    }

    @Benchmark
    public void rawTokens(Blackhole bh) {
        try (JsonParser p = factory.createParser(ObjectReadContext.empty(), document)) {
            tokens(p, bh);
        }
    }

    @Benchmark
    public Object databindMap() {
        return mapper.readValue(document, Object.class);
    }

    /** Every token, with names, strings and numbers materialized as a tree builder would need them. */
    static void tokens(JsonParser p, Blackhole bh) {
        for (JsonToken t; (t = p.nextToken()) != null; ) {
            switch (t) {
                case PROPERTY_NAME -> bh.consume(p.currentName());
                case VALUE_STRING -> bh.consume(p.getString());
                case VALUE_NUMBER_INT -> bh.consume(p.getLongValue());
                case VALUE_NUMBER_FLOAT -> bh.consume(p.getDoubleValue());
                default -> bh.consume(t);
            }
        }
    }
}
