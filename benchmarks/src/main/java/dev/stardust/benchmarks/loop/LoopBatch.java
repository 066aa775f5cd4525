package dev.stardust.benchmarks.loop;

import dev.stardust.Loop;
import java.util.concurrent.TimeUnit;

/**
 * How the benchmarks reach a loop thread. Loop-bound APIs (timers, a loop's emitters) work only on the loop's own
 * thread, and a JMH thread cannot become one ({@code Loop.run} keeps the thread until the loop is empty). So each
 * benchmark invocation hands a batch of {@link #BATCH} operations to a background loop with {@code submit} and waits
 * for it; {@code @OperationsPerInvocation(BATCH)} divides the time, so the one cross-thread round trip per batch
 * (some microseconds) adds well under a nanosecond per operation. What is measured is the operation on the loop
 * thread, including the loop's per-callback bookkeeping, as user code would pay it.
 */
final class LoopBatch {
    static final int BATCH = 10_000;

    private LoopBatch() {
    }

    static <T> T onLoop(Loop loop, java.util.concurrent.Callable<T> batch) throws Exception {
        return loop.submit(batch).get(1, TimeUnit.MINUTES);
    }
}
