package dev.stardust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.testing.LoopTester;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The blocked-loop detector warns once per stalled callback, with the loop thread's stack. */
class BlockedLoopTest {

    /** Holds the loop thread on purpose until {@code warnings} has {@code count} entries (at most 5 s). */
    private static void blockUntil(List<Throwable> warnings, int count) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (warnings.size() < count && System.nanoTime() - end < 0) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static void blockFor(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() - end < 0) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static LoopOptions options(Consumer<Throwable> handler) {
        return LoopOptions.defaults().withBlockedThreshold(Duration.ofMillis(100)).withBlockedLoopHandler(handler);
    }

    @Test
    void aStalledCallbackIsReportedOnceWithTheLoopThreadsStack() {
        List<Throwable> warnings = new CopyOnWriteArrayList<>();
        LoopTester.run(options(warnings::add), Duration.ofSeconds(20), t -> {
            Timers.setTimeout(t.expect(() -> {
                blockUntil(warnings, 1);
                blockFor(400); // eight more checks of the same stalled callback: still one warning
            }), 1);
            Timers.setTimeout(t.expect(() -> blockUntil(warnings, 2)), 2); // a second stall: a second warning
        });
        assertEquals(2, warnings.size(), warnings::toString);
        StardustException first = (StardustException) warnings.get(0);
        assertEquals("ERR_LOOP_BLOCKED", first.code());
        assertTrue(Arrays.stream(first.getStackTrace()).anyMatch(e -> e.getMethodName().startsWith("blockFor")
                || e.getMethodName().startsWith("blockUntil")), () -> Arrays.toString(first.getStackTrace()));
    }

    @Test
    void aHandlerThatThrowsDoesNotStopTheDetector() {
        List<Throwable> warnings = new CopyOnWriteArrayList<>();
        LoopTester.run(options(w -> {
            warnings.add(w);
            throw new AssertionError("a handler that fails, e.g. an assertion in a test");
        }), Duration.ofSeconds(20), t -> Timers.setTimeout(t.expect(() -> blockUntil(warnings, 1)), 1));
        List<Throwable> later = new CopyOnWriteArrayList<>();
        LoopTester.run(options(later::add), Duration.ofSeconds(20),
                t -> Timers.setTimeout(t.expect(() -> blockUntil(later, 1)), 1));
        assertEquals(1, later.size(), "the detector still watches loops started after a failing handler");
    }

    @Test
    void aFastLoopIsNeverReported() {
        List<Throwable> warnings = new CopyOnWriteArrayList<>();
        LoopTester.run(options(warnings::add), Duration.ofSeconds(20), t -> {
            int[] n = new int[1];
            Timer[] interval = new Timer[1];
            interval[0] = Timers.setInterval(() -> {
                if (++n[0] == 30) {
                    interval[0].close();
                }
            }, 10);
        });
        assertEquals(List.of(), warnings);
    }
}
