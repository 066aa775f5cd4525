package dev.stardust.testing;

import dev.stardust.Loop;
import dev.stardust.LoopOptions;
import dev.stardust.Promise;
import dev.stardust.internal.RealLoop;
import dev.stardust.internal.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one loop-aware test harness of every module (luvit's tap, Netty's testsuite): a test body runs on a fresh
 * loop, and the test fails when the loop does not become empty in time (naming what kept it alive), when anything
 * reached the loop's uncaught-exception handler that the test did not declare with {@link #expectUncaught}, or when
 * a callback wrapped with {@link #expect} was not called exactly the expected number of times.
 *
 * <pre>{@code
 * LoopTester.run(t -> {
 *     Timers.setTimeout(t.expect(() -> log.add("fired")), 10);      // must run exactly once
 *     emitter.on("data", t.expect((String s) -> seen.add(s), 3));    // exactly three times
 * });
 *
 * @ParameterizedTest @MethodSource("dev.stardust.testing.LoopTester#transports")
 * void echoes(String transport) {
 *     LoopTester.run(transport, t -> { ... });                        // once per transport: epoll, nio, ...
 * }
 *
 * try (LoopTester t = LoopTester.start(transport)) {                 // a loop in the background
 *     HttpServer server = t.call(() -> Http.createServer(handler));
 *     t.await(() -> server.listen(0, "127.0.0.1"));
 *     ... blocking clients on the test thread ...
 * }                                                                  // closes the loop, then checks
 * }</pre>
 *
 * <p><b>Two modes.</b> {@link #run} runs the body as {@code Loop.run}'s main on a thread of its own and returns
 * once the loop is empty, checked; an undeclared uncaught exception ends that loop at once, so the test fails
 * fast. {@link #start} runs a loop in the background for tests that drive it from the test thread (real blocking
 * clients against a server on the loop); {@link #close} closes that loop gracefully, within a bound, and then
 * checks the same things.
 *
 * <p>{@code expect} is overloaded on {@code Runnable}, {@code Consumer} and {@code BiConsumer}: a lambda picks its
 * overload by its number of parameters, while a method reference to an overloaded method ({@code list::add}) may
 * match two of them and needs a lambda instead.
 *
 * <p>Assertions may run inside callbacks: a failing one reaches the uncaught handler and fails the test with the
 * assertion as the cause. Methods of a tester may be called from the loop thread or the test thread.
 */
public final class LoopTester implements AutoCloseable {
    /** How long a loop may run before the test fails, unless a test says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final String transport;
    private final boolean background;
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private final List<Expectation> expectations = new CopyOnWriteArrayList<>();
    private final List<Consumer<Throwable>> uncaughtListeners = new CopyOnWriteArrayList<>();
    private volatile int expectedUncaught;
    private volatile Loop loop;
    private volatile Thread loopThread;
    private volatile boolean closed;

    private LoopTester(String transport, boolean background) {
        this.transport = transport;
        this.background = background;
    }

    // ---- foreground: run a body until the loop is empty ----

    /** Runs {@code body} on a new loop with default options and {@link #DEFAULT_TIMEOUT}; see the class doc. */
    public static LoopTester run(Consumer<LoopTester> body) {
        return run(LoopOptions.defaults(), DEFAULT_TIMEOUT, body);
    }

    /** Runs {@code body} on a new loop over {@code transport} ({@link #transports()}) with the default timeout. */
    public static LoopTester run(String transport, Consumer<LoopTester> body) {
        return run(LoopOptions.defaults().withTransport(transport), DEFAULT_TIMEOUT, body);
    }

    /** Runs {@code body} on a new loop over {@code transport}, failing when it is not empty within {@code timeout}. */
    public static LoopTester run(String transport, Duration timeout, Consumer<LoopTester> body) {
        return run(LoopOptions.defaults().withTransport(transport), timeout, body);
    }

    /**
     * Runs {@code body} on a new loop made with {@code options} (its uncaught-exception handler is replaced by the
     * tester's), waits up to {@code timeout} for the loop to become empty, then checks what the class doc says.
     * Returns the tester so that the test can inspect {@link #uncaught()} afterwards.
     */
    public static LoopTester run(LoopOptions options, Duration timeout, Consumer<LoopTester> body) {
        LoopTester tester = new LoopTester(nameOf(options), false);
        CompletableFuture<Void> finished = new CompletableFuture<>();
        LoopOptions tested = options.withUncaughtExceptionHandler(tester::recordUncaught);
        Thread thread = new Thread(() -> {
            try {
                Loop.run(tested, () -> {
                    tester.loop = Loop.current();
                    body.accept(tester);
                });
                finished.complete(null);
            } catch (Throwable t) {
                finished.completeExceptionally(t);
            }
        }, "loop-tester-" + tester.transport);
        tester.loopThread = thread;
        thread.setDaemon(true);
        thread.start();
        try {
            finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw tester.timedOut(timeout, finished);
        } catch (ExecutionException e) {
            throw new AssertionError("Loop.run failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the loop", e);
        }
        tester.closed = true;
        tester.verify();
        return tester;
    }

    /** Runs {@code body} once per transport available here (epoll, kqueue, nio), each on its own loop. */
    public static void runOnEachTransport(Consumer<LoopTester> body) {
        for (String name : transports().toList()) {
            try {
                run(name, body);
            } catch (AssertionError e) {
                throw new AssertionError("on transport " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** The transports available here, best first: a {@code @MethodSource} for tests run on each transport. */
    public static Stream<String> transports() {
        return Transport.available().stream().map(Transport::displayName);
    }

    /** The available transports that support Unix domain sockets: a {@code @MethodSource}. */
    public static Stream<String> domainSocketTransports() {
        return Transport.available().stream().filter(Transport::supportsDomainSockets).map(Transport::displayName);
    }

    // ---- background: a loop driven from the test thread ----

    /** Starts a loop with default options in the background; close the tester to end and check it. */
    public static LoopTester start() {
        return start(LoopOptions.defaults());
    }

    /** Starts a loop over {@code transport} in the background; close the tester to end and check it. */
    public static LoopTester start(String transport) {
        return start(LoopOptions.defaults().withTransport(transport));
    }

    /**
     * Starts a loop made with {@code options} (its uncaught-exception handler replaced by the tester's) in the
     * background. Hand it work with {@link #execute}, {@link #call} and {@link #await}; {@link #close} ends it.
     */
    public static LoopTester start(LoopOptions options) {
        LoopTester tester = new LoopTester(nameOf(options), true);
        Loop loop = Loop.start(options.withUncaughtExceptionHandler(tester::recordUncaught));
        tester.loop = loop;
        tester.loopThread = tester.call(Thread::currentThread);
        return tester;
    }

    /** Runs {@code task} on the loop thread, as {@link Loop#execute}. */
    public void execute(Runnable task) {
        loop().execute(task);
    }

    /** Runs {@code task} on the loop thread and returns its result, waiting at most {@link #DEFAULT_TIMEOUT}. */
    public <T> T call(Callable<T> task) {
        return waitFor(loop().submit(task), "the loop to run a task");
    }

    /**
     * Runs {@code operation} on the loop thread and waits, at most {@link #DEFAULT_TIMEOUT}, for the promise it
     * returns: its value, or its failure thrown here (as it is when unchecked).
     */
    public <T> T await(Callable<? extends Promise<T>> operation) {
        CompletableFuture<T> done = call(() -> operation.call().toCompletableFuture());
        return waitFor(done, "a promise on the loop");
    }

    private <T> T waitFor(Future<T> future, String what) {
        try {
            return future.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new CompletionException(cause);
        } catch (TimeoutException e) {
            throw new AssertionError("waited " + DEFAULT_TIMEOUT.toMillis() + " ms for " + what
                    + "; the loop thread is at:\n  " + stackOf(loopThread));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }

    /**
     * In background mode, closes the loop ({@link Loop#close()}: servers stop accepting, in-flight work may
     * finish, then everything is released), fails when that takes longer than its deadline, then checks the
     * expectations and the uncaught exceptions. A tester made by {@link #run} was checked already: nothing to do.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Loop l = loop();
        try {
            l.close().get(DEFAULT_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String stack = stackOf(loopThread);
            l.close(Duration.ZERO);
            AssertionError error = new AssertionError("the background loop did not close in time; its thread is at:\n  "
                    + stack);
            uncaught.forEach(error::addSuppressed);
            throw error;
        } catch (ExecutionException e) {
            throw new AssertionError("closing the loop failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while closing the loop", e);
        }
        verify();
    }

    // ---- both modes ----

    /** The loop under test. */
    public Loop loop() {
        Loop l = loop;
        if (l == null) {
            throw new IllegalStateException("the loop has not started yet");
        }
        return l;
    }

    /** The transport asked for ({@code "default"} when the loop chose). */
    public String transport() {
        return transport;
    }

    /** Declares that exactly {@code count} errors will reach the uncaught handler; inspect them with {@link #uncaught()}. */
    public LoopTester expectUncaught(int count) {
        expectedUncaught = count;
        return this;
    }

    /** What reached the loop's uncaught-exception handler so far, in order. */
    public List<Throwable> uncaught() {
        return List.copyOf(uncaught);
    }

    /**
     * Adds {@code listener}, called on the loop thread with each error that reaches the uncaught handler, after
     * the tester has recorded it: for tests that react to an unhandled failure (and declare it with
     * {@link #expectUncaught}).
     */
    public LoopTester onUncaught(Consumer<Throwable> listener) {
        uncaughtListeners.add(listener);
        return this;
    }

    /** Wraps {@code callback} so that the test fails unless it runs exactly once. */
    public Runnable expect(Runnable callback) {
        return expect(callback, 1);
    }

    /** Wraps {@code callback} so that the test fails unless it runs exactly {@code times} times. */
    public Runnable expect(Runnable callback, int times) {
        Expectation e = expectation(times);
        return () -> {
            e.calls.incrementAndGet();
            callback.run();
        };
    }

    /** Wraps a one-argument callback (a listener) so that the test fails unless it runs exactly once. */
    public <T> Consumer<T> expect(Consumer<T> callback) {
        return expect(callback, 1);
    }

    /** Wraps a one-argument callback so that the test fails unless it runs exactly {@code times} times. */
    public <T> Consumer<T> expect(Consumer<T> callback, int times) {
        Expectation e = expectation(times);
        return value -> {
            e.calls.incrementAndGet();
            callback.accept(value);
        };
    }

    /** Wraps a two-argument callback (a promise's {@code onComplete}) so that it must run exactly once. */
    public <A, B> BiConsumer<A, B> expect(BiConsumer<A, B> callback) {
        return expect(callback, 1);
    }

    /** Wraps a two-argument callback so that the test fails unless it runs exactly {@code times} times. */
    public <A, B> BiConsumer<A, B> expect(BiConsumer<A, B> callback, int times) {
        Expectation e = expectation(times);
        return (a, b) -> {
            e.calls.incrementAndGet();
            callback.accept(a, b);
        };
    }

    private void recordUncaught(Throwable error) {
        uncaught.add(error);
        for (Consumer<Throwable> listener : uncaughtListeners) {
            try {
                listener.accept(error);
            } catch (Throwable t) {
                uncaught.add(t);
            }
        }
        Loop l = loop;
        if (!background && l != null && uncaught.size() > expectedUncaught) {
            // Fail fast: an undeclared error ends the loop instead of letting the test run into its timeout.
            l.close(Duration.ZERO);
        }
    }

    private Expectation expectation(int times) {
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative, got " + times);
        }
        // Where the expectation was made, so that a failure points at the line of the test.
        Expectation e = new Expectation(times, new Throwable("expectation created here").getStackTrace());
        expectations.add(e);
        return e;
    }

    private void verify() {
        List<String> failures = new ArrayList<>();
        for (Expectation e : expectations) {
            int calls = e.calls.get();
            if (calls != e.times) {
                failures.add("expected " + e.times + " call(s) but got " + calls + " for the callback made at "
                        + callSite(e.createdAt));
            }
        }
        int expected = expectedUncaught;
        if (uncaught.size() != expected) {
            failures.add("expected " + expected + " uncaught exception(s) but " + uncaught.size()
                    + " reached the loop's handler" + (uncaught.isEmpty() ? "" : " (the first is the cause)"));
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(String.join("\n", failures));
            if (uncaught.size() != expected && !uncaught.isEmpty()) {
                error.initCause(uncaught.get(0));
                uncaught.stream().skip(1).forEach(error::addSuppressed);
            }
            throw error;
        }
    }

    private AssertionError timedOut(Duration timeout, CompletableFuture<Void> finished) {
        Loop l = loop;
        String alive;
        if (l == null) {
            alive = "the loop never ran the test body";
        } else {
            try {
                alive = l.submit(() -> ((RealLoop) l).describeAliveHandles()).get(1, TimeUnit.SECONDS);
            } catch (Exception e) {
                alive = "the loop thread is stuck in a callback at:\n  " + stackOf(loopThread);
            }
            l.close(Duration.ZERO);
        }
        try {
            finished.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            loopThread.interrupt();
        }
        AssertionError error = new AssertionError("the loop did not become empty within " + timeout.toMillis()
                + " ms; still alive: " + alive);
        uncaught.forEach(error::addSuppressed);
        return error;
    }

    private static String nameOf(LoopOptions options) {
        return options.transport() != null ? options.transport() : "default";
    }

    private static String stackOf(Thread thread) {
        if (thread == null) {
            return "(the loop thread is not known yet)";
        }
        return Arrays.stream(thread.getStackTrace()).map(StackTraceElement::toString)
                .collect(Collectors.joining("\n  "));
    }

    private static String callSite(StackTraceElement[] trace) {
        for (StackTraceElement element : trace) {
            if (!element.getClassName().equals(LoopTester.class.getName())) {
                return element.toString();
            }
        }
        return "?";
    }

    private static final class Expectation {
        final int times;
        final StackTraceElement[] createdAt;
        final AtomicInteger calls = new AtomicInteger();

        Expectation(int times, StackTraceElement[] createdAt) {
            this.times = times;
            this.createdAt = createdAt;
        }
    }
}
