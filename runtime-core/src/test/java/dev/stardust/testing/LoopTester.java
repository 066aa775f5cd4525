package dev.stardust.testing;

import dev.stardust.Loop;
import dev.stardust.LoopOptions;
import dev.stardust.internal.RealLoop;
import dev.stardust.internal.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * luvit's tap harness for Stardust: runs a test body on a fresh {@link Loop#run} on a dedicated thread, waits a
 * bounded time for the loop to become empty, and fails the test when it does not (naming what kept it alive, then
 * force-closing it), when anything reached the loop's uncaught-exception handler that the test did not declare,
 * or when a callback wrapped with {@link #expect} was not called exactly the expected number of times.
 *
 * <pre>{@code
 * LoopTester.run(t -> {
 *     Timers.setTimeout(t.expect(() -> log.add("fired")), 10);      // must run exactly once
 *     emitter.on("data", t.expect((String s) -> seen.add(s), 3));    // exactly three times
 * });
 * LoopTester.runOnEachTransport(t -> { ... t.transport() ... });    // network tests: epoll, nio, ...
 * }</pre>
 *
 * <p>Assertions may run inside callbacks: a failing one reaches the uncaught handler and fails the test with the
 * assertion as the cause. Methods of a tester may be called from the loop thread or the test thread.
 */
public final class LoopTester {
    /** How long a loop may run before the test fails, unless a test says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final String transport;
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private final List<Expectation> expectations = new CopyOnWriteArrayList<>();
    private volatile int expectedUncaught;
    private volatile Loop loop;

    private LoopTester(String transport) {
        this.transport = transport;
    }

    /** Runs {@code body} on a new loop with default options and {@link #DEFAULT_TIMEOUT}; see the class doc. */
    public static LoopTester run(Consumer<LoopTester> body) {
        return run(LoopOptions.defaults(), DEFAULT_TIMEOUT, body);
    }

    /**
     * Runs {@code body} on a new loop made with {@code options} (its uncaught-exception handler is replaced by the
     * tester's), waits up to {@code timeout} for the loop to become empty, then checks what the class doc says.
     * Returns the tester so that the test can inspect {@link #uncaught()} afterwards.
     */
    public static LoopTester run(LoopOptions options, Duration timeout, Consumer<LoopTester> body) {
        LoopTester tester = new LoopTester(options.transport() != null ? options.transport() : "default");
        CompletableFuture<Void> finished = new CompletableFuture<>();
        LoopOptions tested = options.withUncaughtExceptionHandler(tester.uncaught::add);
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
        thread.setDaemon(true);
        thread.start();
        try {
            finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw tester.timedOut(timeout, thread, finished);
        } catch (ExecutionException e) {
            throw new AssertionError("Loop.run failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the loop", e);
        }
        tester.verify();
        return tester;
    }

    /** Runs {@code body} once per transport available here (epoll, kqueue, nio), each on its own loop. */
    public static void runOnEachTransport(Consumer<LoopTester> body) {
        for (String name : transports()) {
            try {
                run(LoopOptions.defaults().withTransport(name), DEFAULT_TIMEOUT, body);
            } catch (AssertionError e) {
                throw new AssertionError("on transport " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** The names of the transports available here, best first: a {@code @MethodSource} for parameterized tests. */
    public static List<String> transports() {
        return Transport.available().stream().map(Transport::displayName).collect(Collectors.toList());
    }

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
        Expectation e = expectation(1);
        return (a, b) -> {
            e.calls.incrementAndGet();
            callback.accept(a, b);
        };
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

    private AssertionError timedOut(Duration timeout, Thread thread, CompletableFuture<Void> finished) {
        Loop l = loop;
        String alive;
        if (l == null) {
            alive = "the loop never ran the test body";
        } else {
            try {
                alive = l.submit(() -> ((RealLoop) l).describeAliveHandles()).get(1, TimeUnit.SECONDS);
            } catch (Exception e) {
                alive = "the loop thread is stuck in a callback at:\n  " + Arrays.stream(thread.getStackTrace())
                        .map(StackTraceElement::toString).collect(Collectors.joining("\n  "));
            }
            l.close(Duration.ZERO);
        }
        try {
            finished.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            thread.interrupt();
        }
        AssertionError error = new AssertionError("the loop did not become empty within " + timeout.toMillis()
                + " ms; still alive: " + alive);
        uncaught.forEach(error::addSuppressed);
        return error;
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
