package dev.stardust.internal;

import dev.stardust.Promise;
import dev.stardust.StardustException;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * {@link dev.stardust.Loop#executeBlocking}: runs work on the loop's {@link WorkerPool}, created on first use, and
 * settles its promise back on the loop thread. Work in flight keeps the loop alive; a full pool fails the promise
 * with {@code EAGAIN} at once rather than blocking the loop.
 */
final class BlockingWork {
    private final RealLoop loop;
    private final int threads;
    private final int queueCapacity;
    private @Nullable WorkerPool pool;

    BlockingWork(RealLoop loop, int threads, int queueCapacity) {
        this.loop = loop;
        this.threads = threads;
        this.queueCapacity = queueCapacity;
    }

    /** Runs {@code work} on a worker thread; the promise settles on the loop thread. Loop thread only. */
    <T extends @Nullable Object> Promise<T> run(Callable<T> work) {
        LoopPromise<T> promise = new LoopPromise<>(loop);
        WorkerPool workers = pool;
        if (workers == null) {
            workers = new WorkerPool(loop.name(), threads, queueCapacity);
            pool = workers;
        }
        loop.addRef();
        try {
            workers.submit(() -> {
                T value = null;
                Throwable error = null;
                try {
                    value = work.call();
                } catch (Throwable t) {
                    error = t;
                }
                T result = value;
                Throwable failure = error;
                loop.executeInternal(() -> {
                    loop.removeRef();
                    if (failure != null) {
                        promise.reject(failure);
                    } else {
                        promise.resolve(result);
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            loop.removeRef();
            promise.reject(new StardustException("EAGAIN", "the worker pool of loop '" + loop.name()
                    + "' is full (" + queueCapacity + " jobs queued)", e));
        }
        return promise;
    }

    /** Stops the pool, if one was started: the loop has ended and waits for no more results. */
    void shutdown() {
        WorkerPool workers = pool;
        if (workers != null) {
            workers.shutdown();
        }
    }
}
