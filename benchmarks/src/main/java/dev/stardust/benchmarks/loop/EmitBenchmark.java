package dev.stardust.benchmarks.loop;

import dev.stardust.EventEmitter;
import dev.stardust.Loop;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of {@code emit} with 1 and 3 listeners: on a loop-bound emitter (on its loop thread, in batches; see
 * {@link LoopBatch}) and on a standalone emitter called straight from the benchmark thread (the dispatch alone).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EmitBenchmark {
    @Param({"1", "3"})
    int listeners;

    Loop loop;
    EventEmitter onLoop;
    EventEmitter standalone;
    long sink; // written by listeners; read in tearDown so the JIT cannot drop them

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        loop = Loop.start();
        Consumer<Long> listener = v -> sink += v;
        onLoop = LoopBatch.onLoop(loop, () -> {
            EventEmitter e = new EventEmitter();
            for (int i = 0; i < listeners; i++) {
                e.on("data", listener);
            }
            return e;
        });
        standalone = new EventEmitter();
        for (int i = 0; i < listeners; i++) {
            standalone.on("data", listener);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        loop.close().get(10, TimeUnit.SECONDS);
        if (sink == 42) {
            System.out.println(sink);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LoopBatch.BATCH)
    public boolean emitOnLoop() throws Exception {
        return LoopBatch.onLoop(loop, () -> {
            boolean heard = true;
            for (int i = 0; i < LoopBatch.BATCH; i++) {
                heard &= onLoop.emit("data", (long) i);
            }
            return heard;
        });
    }

    @Benchmark
    public boolean emitStandalone() {
        return standalone.emit("data", 1L);
    }
}
