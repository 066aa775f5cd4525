package dev.stardust.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.LoopOptions;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.Timers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LoopTesterTest {

    @Test
    void passesWhenEveryExpectationIsMetAndTheLoopEmpties() {
        List<String> log = new ArrayList<>();
        LoopTester.run(t -> {
            Consumer<String> listener = t.expect((String s) -> log.add(s), 2);
            Runnable timeout = t.expect(() -> log.add("timeout"));
            Timers.setImmediate(() -> listener.accept("a"));
            Timers.setImmediate(() -> {
                listener.accept("b");
                Timers.setTimeout(timeout, 5);
            });
        });
        assertEquals(List.of("a", "b", "timeout"), log);
    }

    @Test
    void failsWhenACallbackRunsTooFewOrTooManyTimes() {
        AssertionError tooFew = assertThrows(AssertionError.class, () -> LoopTester.run(t -> t.expect(() -> { })));
        assertTrue(tooFew.getMessage().contains("expected 1 call(s) but got 0"), tooFew.getMessage());
        AssertionError tooMany = assertThrows(AssertionError.class, () -> LoopTester.run(t -> {
            Runnable once = t.expect(() -> { });
            once.run();
            once.run();
        }));
        assertTrue(tooMany.getMessage().contains("but got 2"), tooMany.getMessage());
        assertTrue(tooMany.getMessage().contains("LoopTesterTest"), "names the line that made the expectation");
    }

    @Test
    void failsOnAnUndeclaredUncaughtException() {
        IllegalStateException boom = new IllegalStateException("boom");
        AssertionError error = assertThrows(AssertionError.class, () -> LoopTester.run(t -> {
            Timers.setTimeout(() -> {
                throw boom;
            }, 1);
        }));
        assertEquals(boom, error.getCause());
    }

    @Test
    void declaredUncaughtExceptionsAreCollected() {
        LoopTester t = LoopTester.run(tester -> {
            tester.expectUncaught(1);
            Timers.setImmediate(() -> {
                throw new IllegalArgumentException("expected");
            });
        });
        assertEquals("expected", t.uncaught().get(0).getMessage());
    }

    @Test
    void failsWithTheAliveHandlesWhenTheLoopDoesNotEmptyInTime() {
        AssertionError error = assertThrows(AssertionError.class, () -> LoopTester.run(LoopOptions.defaults(),
                Duration.ofMillis(200), t -> Timers.setTimeout(() -> { }, 3_600_000)));
        assertTrue(error.getMessage().contains("did not become empty within 200 ms"), error.getMessage());
        assertTrue(error.getMessage().contains("refs=1") && error.getMessage().contains("timers=1"),
                error.getMessage());
    }

    @Test
    void runsOnEveryAvailableTransport() {
        List<String> seen = new CopyOnWriteArrayList<>();
        LoopTester.runOnEachTransport(t -> seen.add(t.loop().transport()));
        assertEquals(LoopTester.transports().toList(), seen);
        assertTrue(seen.contains("nio"));
        assertTrue(LoopTester.transports().toList().containsAll(LoopTester.domainSocketTransports().toList()));
        assertFalse(LoopTester.domainSocketTransports().toList().contains("nio"), "nio has no domain sockets here");
    }

    @ParameterizedTest
    @MethodSource("dev.stardust.testing.LoopTester#transports")
    void runsOnTheTransportItIsGiven(String transport) {
        LoopTester t = LoopTester.run(transport, tester -> assertEquals(transport, tester.loop().transport()));
        assertEquals(transport, t.transport());
    }

    @Test
    void countsTwoArgumentCallbacks() {
        AssertionError error = assertThrows(AssertionError.class, () -> LoopTester.run(t -> {
            BiConsumer<String, Throwable> twice = t.expect((v, e) -> { }, 2);
            Promise.resolved("once").onComplete(twice);
        }));
        assertTrue(error.getMessage().contains("expected 2 call(s) but got 1"), error.getMessage());
    }

    @Test
    void anUndeclaredUncaughtExceptionEndsTheLoopAtOnce() {
        long start = System.nanoTime();
        AssertionError error = assertThrows(AssertionError.class, () -> LoopTester.run(t -> {
            Timers.setTimeout(() -> { }, 60_000);
            Timers.setImmediate(() -> {
                throw new IllegalStateException("boom");
            });
        }));
        assertEquals("boom", error.getCause().getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(9), "failed before the default timeout");
    }

    @Test
    void aBackgroundLoopRunsWorkFromTheTestThreadAndIsCheckedWhenClosed() {
        List<String> log = new CopyOnWriteArrayList<>();
        try (LoopTester t = LoopTester.start()) {
            Thread loopThread = t.call(Thread::currentThread);
            assertFalse(loopThread == Thread.currentThread());
            assertEquals("value", t.await(() -> Promise.resolved("value")));
            StardustException failure = assertThrows(StardustException.class,
                    () -> t.await(() -> Promise.rejected(new StardustException("EFAKE", "refused"))));
            assertEquals("EFAKE", failure.code());
            t.execute(t.expect(() -> log.add("ran")));
        }
        assertEquals(List.of("ran"), log);
    }

    @Test
    void aBackgroundLoopFailsAtCloseOnUndeclaredUncaughtExceptionsAndUnmetExpectations() {
        LoopTester t = LoopTester.start();
        t.expect(() -> { });
        t.execute(() -> {
            throw new IllegalStateException("boom");
        });
        AssertionError error = assertThrows(AssertionError.class, t::close);
        assertTrue(error.getMessage().contains("expected 1 call(s) but got 0"), error.getMessage());
        assertEquals("boom", error.getCause().getMessage());

        try (LoopTester declared = LoopTester.start().expectUncaught(1)) {
            declared.execute(() -> {
                throw new IllegalStateException("expected");
            });
            declared.call(() -> null);
            assertEquals("expected", declared.uncaught().get(0).getMessage());
        }
    }
}
