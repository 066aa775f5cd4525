package dev.stardust.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.LoopOptions;
import dev.stardust.Timers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LoopTesterTest {

    @Test
    void passesWhenEveryExpectationIsMetAndTheLoopEmpties() {
        List<String> log = new ArrayList<>();
        LoopTester.run(t -> {
            Consumer<String> listener = t.expect(log::add, 2);
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
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        LoopTester.runOnEachTransport(t -> seen.add(t.loop().transport()));
        assertEquals(LoopTester.transports(), seen);
        assertTrue(seen.contains("nio"));
    }
}
