package dev.stardust.benchmarks.loop;

import dev.stardust.Loop;
import dev.stardust.Timer;
import dev.stardust.Timers;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of scheduling and cancelling a timer on the loop thread (see {@link LoopBatch} for how a batch reaches
 * it). {@code setAndClear}: one timer set and cancelled at once, the heap stays small, as for a socket timeout that
 * is reset per request. {@code setThenClearAll}: a whole batch set (a heap of 10,000) and then all cancelled.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TimerBenchmark {
    private static final Runnable NOTHING = () -> { };

    Loop loop;

    @Setup(Level.Trial)
    public void setUp() {
        loop = Loop.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        loop.close().get(10, TimeUnit.SECONDS);
    }

    @Benchmark
    @OperationsPerInvocation(LoopBatch.BATCH)
    public boolean setAndClear() throws Exception {
        return LoopBatch.onLoop(loop, () -> {
            boolean active = false;
            for (int i = 0; i < LoopBatch.BATCH; i++) {
                Timer t = Timers.setTimeout(NOTHING, 60_000);
                t.close();
                active |= t.isActive();
            }
            return active;
        });
    }

    @Benchmark
    @OperationsPerInvocation(LoopBatch.BATCH)
    public boolean setThenClearAll() throws Exception {
        return LoopBatch.onLoop(loop, () -> {
            Timer[] all = new Timer[LoopBatch.BATCH];
            for (int i = 0; i < all.length; i++) {
                all[i] = Timers.setTimeout(NOTHING, 60_000 + (i * 7919) % 1000);
            }
            boolean active = false;
            for (Timer t : all) {
                t.close();
                active |= t.isActive();
            }
            return active;
        });
    }
}
