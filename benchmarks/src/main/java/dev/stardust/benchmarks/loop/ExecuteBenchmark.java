package dev.stardust.benchmarks.loop;

import dev.stardust.Loop;
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
 * Throughput of {@code execute} from another thread: tasks that actually reached and ran on the loop, not merely
 * queued. Each invocation hands {@value #TASKS} tasks to a background loop from the benchmark thread and then
 * waits until the loop has run the last one, so an unbounded queue can never flatter the figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ExecuteBenchmark {
    static final int TASKS = 1_000;

    Loop loop;
    volatile long ran; // written only by the loop thread
    long sent;
    Runnable task;

    @Setup(Level.Trial)
    public void setUp() {
        loop = Loop.start();
        task = () -> ran++; // single writer: the loop thread
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        loop.close().get(10, TimeUnit.SECONDS);
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long executeFromAnotherThread() {
        for (int i = 0; i < TASKS; i++) {
            loop.execute(task);
        }
        sent += TASKS;
        while (ran < sent) {
            Thread.onSpinWait();
        }
        return ran;
    }
}
