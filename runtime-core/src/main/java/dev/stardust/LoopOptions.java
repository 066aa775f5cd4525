package dev.stardust;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Settings for a new {@link Loop}: immutable, each {@code withX} returns a copy. Defaults come from system
 * properties so that deployments can tune a program without changing it: {@code stardust.transport},
 * {@code stardust.workers} (worker threads, 4 as libuv), {@code stardust.blockedThresholdMs} (2000; 0 turns
 * the blocked-loop detector off).
 */
public final class LoopOptions {
    private static final Consumer<Throwable> PRINT_TO_STDERR = e -> e.printStackTrace();

    private final String name;
    private final @Nullable String transport;
    private final int workerThreads;
    private final int workerQueueCapacity;
    private final Duration blockedThreshold;
    private final Consumer<Throwable> blockedLoopHandler;
    private final Consumer<Throwable> uncaughtExceptionHandler;

    private LoopOptions(String name, @Nullable String transport, int workerThreads, int workerQueueCapacity,
            Duration blockedThreshold, Consumer<Throwable> blockedLoopHandler,
            Consumer<Throwable> uncaughtExceptionHandler) {
        this.name = name;
        this.transport = transport;
        this.workerThreads = workerThreads;
        this.workerQueueCapacity = workerQueueCapacity;
        this.blockedThreshold = blockedThreshold;
        this.blockedLoopHandler = blockedLoopHandler;
        this.uncaughtExceptionHandler = uncaughtExceptionHandler;
    }

    /** The defaults, read from system properties where they are set. */
    public static LoopOptions defaults() {
        return new LoopOptions("stardust-loop", System.getProperty("stardust.transport"),
                Integer.getInteger("stardust.workers", 4), Integer.getInteger("stardust.workerQueue", 65_536),
                Duration.ofMillis(Long.getLong("stardust.blockedThresholdMs", 2_000)),
                PRINT_TO_STDERR, PRINT_TO_STDERR);
    }

    /** The loop's name, used for its threads and in messages. */
    public String name() {
        return name;
    }

    /** Options with another name. */
    public LoopOptions withName(String name) {
        return new LoopOptions(Objects.requireNonNull(name), transport, workerThreads, workerQueueCapacity,
                blockedThreshold, blockedLoopHandler, uncaughtExceptionHandler);
    }

    /** The forced transport ({@code epoll}, {@code io_uring}, {@code kqueue}, {@code nio}), or null for the best. */
    public @Nullable String transport() {
        return transport;
    }

    /**
     * Options forcing a transport by name, or choosing the best with {@code null}. {@code io_uring} is only ever used
     * when named here or in {@code stardust.transport}, and needs Netty's io_uring jars (README, "io_uring"); a loop
     * asked for a transport this machine lacks fails to start with the reason.
     */
    public LoopOptions withTransport(@Nullable String transport) {
        return new LoopOptions(name, transport, workerThreads, workerQueueCapacity, blockedThreshold,
                blockedLoopHandler, uncaughtExceptionHandler);
    }

    /** How many threads the worker pool may run at once. */
    public int workerThreads() {
        return workerThreads;
    }

    /** Options with another worker pool size (at least 1). */
    public LoopOptions withWorkerThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("workerThreads must be at least 1, got " + threads);
        }
        return new LoopOptions(name, transport, threads, workerQueueCapacity, blockedThreshold, blockedLoopHandler,
                uncaughtExceptionHandler);
    }

    /** How many jobs may wait for a worker before {@link Loop#executeBlocking} fails with {@code EAGAIN}. */
    public int workerQueueCapacity() {
        return workerQueueCapacity;
    }

    /** Options with another worker queue capacity (at least 1). */
    public LoopOptions withWorkerQueueCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("workerQueueCapacity must be at least 1, got " + capacity);
        }
        return new LoopOptions(name, transport, workerThreads, capacity, blockedThreshold, blockedLoopHandler,
                uncaughtExceptionHandler);
    }

    /** How long one callback may hold the loop before a warning; {@link Duration#ZERO} means never warn. */
    public Duration blockedThreshold() {
        return blockedThreshold;
    }

    /** Options with another blocked-loop threshold; zero turns the detector off. */
    public LoopOptions withBlockedThreshold(Duration threshold) {
        if (threshold.isNegative()) {
            throw new IllegalArgumentException("blockedThreshold must not be negative");
        }
        return new LoopOptions(name, transport, workerThreads, workerQueueCapacity, threshold, blockedLoopHandler,
                uncaughtExceptionHandler);
    }

    /**
     * Who hears of a blocked loop: a {@link StardustException} with code {@code ERR_LOOP_BLOCKED} whose stack
     * trace is the loop thread's at that moment. Called on the detector's thread. Default: printed to stderr.
     */
    public Consumer<Throwable> blockedLoopHandler() {
        return blockedLoopHandler;
    }

    /** Options with another blocked-loop handler. */
    public LoopOptions withBlockedLoopHandler(Consumer<Throwable> handler) {
        return new LoopOptions(name, transport, workerThreads, workerQueueCapacity, blockedThreshold,
                Objects.requireNonNull(handler), uncaughtExceptionHandler);
    }

    /** The initial handler for exceptions escaping callbacks (see {@link Loop#uncaughtExceptionHandler}). */
    public Consumer<Throwable> uncaughtExceptionHandler() {
        return uncaughtExceptionHandler;
    }

    /** Options with another initial uncaught-exception handler. */
    public LoopOptions withUncaughtExceptionHandler(Consumer<Throwable> handler) {
        return new LoopOptions(name, transport, workerThreads, workerQueueCapacity, blockedThreshold,
                blockedLoopHandler, Objects.requireNonNull(handler));
    }
}
