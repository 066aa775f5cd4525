package dev.stardust.internal;

import io.netty.channel.ManualIoEventLoop;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tasks handed to the loop from any thread ({@link dev.stardust.Loop#execute}, results of blocking work, promises
 * settled elsewhere): queued on Netty's task queue, which wakes the poll, and counted, since a task on its way keeps
 * the loop alive as a handle would.
 */
final class CrossThreadTasks {
    private final RealLoop loop;
    private final ManualIoEventLoop io;
    private final AtomicInteger pending = new AtomicInteger();

    CrossThreadTasks(RealLoop loop, ManualIoEventLoop io) {
        this.loop = loop;
        this.io = io;
    }

    /** Queues {@code task}, to run as a top-level callback; throws when Netty's loop no longer takes tasks. */
    void execute(Runnable task) {
        pending.incrementAndGet();
        try {
            io.execute(() -> {
                pending.decrementAndGet();
                loop.invoke(task);
            });
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            throw e;
        }
    }

    /** How many tasks are queued and not yet run; any thread. */
    int pending() {
        return pending.get();
    }
}
