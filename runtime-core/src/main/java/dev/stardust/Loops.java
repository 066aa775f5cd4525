package dev.stardust;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.IntFunction;

/**
 * N loops started together, each running the same setup, as node's {@code cluster} forks N workers that each
 * listen: the way to use N cores in one process. Give each loop a server on one port with {@code SO_REUSEPORT}
 * ({@code ListenOptions.withReusePort}, {@code HttpServerOptions.withReusePort}, {@code DgramSocketOptions
 * .withReusePort}) and the kernel spreads the connections over the loops; each connection stays on the loop that
 * accepted it, so its callbacks run on one thread. State shared between loops needs the usual thread-safety.
 *
 * <pre>{@code
 * Loops cluster = Loops.startEach(4, i -> Net.createServer(socket -> socket.pipe(socket))
 *         .listen(ListenOptions.defaults().withPort(7000).withReusePort(true)));
 * ...
 * cluster.close().join();   // every server stops accepting, open connections finish, every loop ends
 * }</pre>
 *
 * <p>Called from a thread that is not a loop's (the program's main thread, a host's). Closing is
 * {@link Loop#close()} on each loop.
 */
public final class Loops {
    private final List<Loop> loops;

    private Loops(List<Loop> loops) {
        this.loops = List.copyOf(loops);
    }

    /** As {@link #startEach(int, LoopOptions, IntFunction)} with default loop options. */
    public static Loops startEach(int count, IntFunction<? extends Promise<?>> setup) {
        return startEach(count, LoopOptions.defaults(), setup);
    }

    /**
     * Starts {@code count} loops in the background (named after {@code options}' name with {@code -0},
     * {@code -1}, ...), runs {@code setup} with each loop's index on that loop's thread, and returns once every
     * promise it returned has resolved (every server is listening). If a setup fails (throws, or its promise
     * rejects: {@code EADDRINUSE}, {@code ERR_REUSEPORT_UNSUPPORTED} on NIO...), every loop started is closed and
     * that error is thrown here.
     *
     * @throws IllegalArgumentException when {@code count} is less than 1
     * @throws IllegalStateException when called on a loop thread, which must never block
     */
    public static Loops startEach(int count, LoopOptions options, IntFunction<? extends Promise<?>> setup) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (Loop.isLoopThread()) {
            throw new IllegalStateException("Loops.startEach blocks until every loop is set up: call it from a thread "
                    + "that is not a loop's");
        }
        List<Loop> started = new ArrayList<>(count);
        List<CompletableFuture<?>> ready = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            Loop loop = Loop.start(options.withName(options.name() + "-" + i));
            started.add(loop);
            ready.add(loop.submitPromise(() -> setup.apply(index).map(ignored -> null)));
        }
        Loops group = new Loops(started);
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException | CompletionException e) {
            group.close().join();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.close().join();
            throw new IllegalStateException("interrupted while the loops were being set up", e);
        }
        return group;
    }

    /** The loops, by index. */
    public List<Loop> loops() {
        return loops;
    }

    /** How many loops there are. */
    public int size() {
        return loops.size();
    }

    /**
     * Closes every loop gracefully (servers stop accepting, in-flight work may finish for 10 seconds); the future
     * completes once all of them have released everything. Any thread, idempotent.
     */
    public CompletableFuture<Void> close() {
        return close(Duration.ofSeconds(10));
    }

    /** As {@link #close()}, letting in-flight work finish until {@code deadline}. */
    public CompletableFuture<Void> close(Duration deadline) {
        List<CompletableFuture<Void>> closing = new ArrayList<>(loops.size());
        for (Loop loop : loops) {
            closing.add(loop.close(deadline));
        }
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
    }

    @Override
    public String toString() {
        return "Loops[" + loops.size() + "]";
    }
}
