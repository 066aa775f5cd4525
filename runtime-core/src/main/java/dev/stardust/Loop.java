package dev.stardust;

import dev.stardust.internal.RealLoop;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One single-threaded event loop over Netty's best native transport (epoll, kqueue, else NIO; io_uring when asked
 * for). Every callback Stardust makes runs on the loop's thread, so user code never needs locks.
 *
 * <p>A loop either owns the calling thread ({@link #run(Runnable)}, which returns when no referenced
 * {@link Handle} is left, as node exits when its loop is empty) or runs on a thread of its own in the background
 * of a host program ({@link #start()}), which hands it work from any thread with {@link #execute} and
 * {@link #submit} and ends it with {@link #close()}. Several loops in one JVM are independent.
 *
 * <p>Code running on a loop reaches it with {@link #current()}; module functions such as
 * {@link Timers#setTimeout} use it implicitly. Calling a loop-bound API from another thread fails at once with
 * an {@link IllegalStateException}. A callback that throws goes to the loop's uncaught-exception handler
 * (by default: the stack trace on stderr) and the loop goes on.
 */
public interface Loop {

    /**
     * Runs {@code main} on a new loop driven by the calling thread and returns once nothing referenced is left
     * to do: the shape of a node program. The loop is closed and its resources released before this returns.
     *
     * <p>It ends like a node program: an error nobody handled (a throw in a callback, an unheard {@code error}
     * event, a failed promise with no failure callback) is printed and ends the program at once with status 1,
     * unless {@code Process} has {@code uncaughtException}/{@code unhandledRejection} listeners; and a loop that
     * ends by itself with a non-zero {@code Process.exitCode()} ends the JVM with that status ({@code System.exit}).
     * With status 0 this returns normally. Given options with an uncaught-exception handler of its own, the loop is
     * a host's: that handler decides and this method never ends the JVM.
     */
    static void run(Runnable main) {
        run(LoopOptions.defaults(), main);
    }

    /** As {@link #run(Runnable)}, with options. */
    static void run(LoopOptions options, Runnable main) {
        RealLoop.runOnCallingThread(options, main);
    }

    /** Starts a loop on a background thread of its own; it keeps running until {@link #close()}. */
    static Loop start() {
        return start(LoopOptions.defaults());
    }

    /** As {@link #start()}, with options. */
    static Loop start(LoopOptions options) {
        return RealLoop.startInBackground(options);
    }

    /**
     * The loop whose thread is calling.
     *
     * @throws IllegalStateException when the calling thread is not a loop thread
     */
    static Loop current() {
        return RealLoop.current();
    }

    /** Whether the calling thread is driving some loop. */
    static boolean isLoopThread() {
        return RealLoop.currentOrNull() != null;
    }

    /** The loop's name, also the name of its thread when it runs in the background. */
    String name();

    /** The transport in use: {@code epoll}, {@code io_uring}, {@code kqueue} or {@code nio}. */
    String transport();

    /** Whether the calling thread is this loop's thread. */
    boolean inLoopThread();

    /**
     * Runs {@code task} on the loop thread soon; callable from any thread. Pending tasks keep the loop alive.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the loop has already terminated
     */
    void execute(Runnable task);

    /** Runs {@code task} on the loop thread and completes the returned future with its result; any thread. */
    <T extends @Nullable Object> CompletableFuture<T> submit(Callable<T> task);

    /**
     * Runs {@code task} on the loop thread and completes the returned future with the outcome of the promise it
     * returns, so a host thread waits for a one-shot operation without nesting futures; any thread.
     */
    <T extends @Nullable Object> CompletableFuture<T> submitPromise(Supplier<Promise<T>> task);

    /**
     * Runs blocking {@code work} on the loop's worker pool (libuv's thread pool) and completes the promise on the
     * loop thread. The work keeps the loop alive while it runs. Loop thread only.
     */
    <T extends @Nullable Object> Promise<T> executeBlocking(Callable<T> work);

    /** Replaces the handler for exceptions thrown by callbacks and for unhandled {@code error} events. */
    Loop uncaughtExceptionHandler(Consumer<Throwable> handler);

    /**
     * Closes the loop gracefully with the default deadline of 10 seconds: see {@link #close(Duration)}.
     * Callable from any thread; the future completes once the loop thread has released every resource.
     */
    CompletableFuture<Void> close();

    /**
     * Closes the loop gracefully: servers stop accepting, in-flight work may finish until {@code deadline},
     * then every remaining handle is closed and every resource (sockets, worker threads, selector) released.
     * Callable from any thread, idempotent.
     */
    CompletableFuture<Void> close(Duration deadline);
}
