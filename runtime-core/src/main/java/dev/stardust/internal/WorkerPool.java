package dev.stardust.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loop's pool for blocking work (libuv's thread pool): a fixed number of named daemon threads and a bounded
 * queue, created on first use. Idle threads exit after a minute, so an idle loop holds no worker threads.
 */
final class WorkerPool {
    private final ThreadPoolExecutor executor;

    WorkerPool(String loopName, int threads, int queueCapacity) {
        AtomicInteger counter = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), runnable -> {
                    Thread t = new Thread(runnable, loopName + "-worker-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /** Queues {@code job}; throws {@link RejectedExecutionException} when the queue is full or the pool shut. */
    void submit(Runnable job) {
        executor.execute(job);
    }

    /** Stops the pool; running jobs are interrupted, queued ones dropped (the loop has stopped waiting for them). */
    void shutdown() {
        executor.shutdownNow();
    }
}
