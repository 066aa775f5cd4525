package dev.stardust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.testing.LoopTester;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Background loops and closing: graceful within the deadline, forced after it. */
class LoopCloseTest {

    @Test
    void aBackgroundLoopRunsTasksUntilClosedThenRejectsThem() throws Exception {
        Loop loop = Loop.start();
        List<String> log = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> ran = new CompletableFuture<>();
        loop.execute(() -> {
            log.add(Thread.currentThread().getName());
            ran.complete(null);
        });
        ran.get(5, TimeUnit.SECONDS);
        assertEquals(List.of(loop.name()), log);
        loop.close().get(10, TimeUnit.SECONDS);
        assertThrows(RejectedExecutionException.class, () -> loop.execute(() -> { }));
        assertThrows(RejectedExecutionException.class, () -> loop.submit(() -> 1));
        loop.close().get(1, TimeUnit.SECONDS); // idempotent
    }

    @Test
    void closeLetsInFlightTimersFinishWithinTheDeadline() throws Exception {
        Loop loop = Loop.start();
        List<String> log = new CopyOnWriteArrayList<>();
        loop.submit(() -> Timers.setTimeout(() -> log.add("in flight"), 50)).get(5, TimeUnit.SECONDS);
        long start = System.nanoTime();
        loop.close(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("in flight"), log);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "did not wait for the deadline");
    }

    @Test
    void aLoopWithAnIntervalIsForceClosedAtTheDeadline() throws Exception {
        Loop loop = Loop.start();
        AtomicInteger runs = new AtomicInteger();
        loop.submit(() -> Timers.setInterval(runs::incrementAndGet, 5)).get(5, TimeUnit.SECONDS);
        long start = System.nanoTime();
        loop.close(Duration.ofMillis(100)).get(10, TimeUnit.SECONDS);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(took >= 100, "closed after " + took + " ms, before the deadline");
        assertTrue(runs.get() > 0);
        int after = runs.get();
        assertEquals(after, runs.get());
    }

    @Test
    void aShorterDeadlineGivenLaterStillForcesTheClose() throws Exception {
        Loop loop = Loop.start();
        loop.submit(() -> Timers.setInterval(() -> { }, 5)).get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> slow = loop.close(Duration.ofHours(1));
        // A second close with a zero deadline (what LoopTester does on a timeout) must not be ignored.
        loop.close(Duration.ZERO).get(5, TimeUnit.SECONDS);
        slow.get(1, TimeUnit.SECONDS); // the first caller's future completes too
    }

    @Test
    void gracefulCloseFromInsideRunKeepsPendingWork() {
        List<String> log = new CopyOnWriteArrayList<>();
        LoopTester.run(t -> {
            Timers.setTimeout(t.expect(() -> log.add("pending timeout")), 20);
            Timers.setImmediate(t.expect(() -> log.add("pending immediate")));
            Loop.current().close(Duration.ofSeconds(5));
        });
        // Both ran; their order is not the point (a slow first turn may make the 20 ms timeout due first).
        assertEquals(java.util.Set.of("pending immediate", "pending timeout"), new java.util.HashSet<>(log));
        assertEquals(2, log.size());
    }

    @Test
    void forcedCloseDropsPendingWorkAndTheLoopEnds() {
        LoopTester.run(t -> {
            Timers.setTimeout(t.expect(() -> { }, 0), 60_000);
            Timers.setInterval(t.expect(() -> { }, 0), 60_000);
            Timers.setTimeout(t.expect(() -> {
                Timers.setImmediate(t.expect(() -> { }, 0));
                Loop.current().close(Duration.ZERO);
            }), 1);
        });
    }

    @Test
    void closeRacingWithALoopThatEndsOnItsOwnAlwaysCompletes() throws Exception {
        for (int i = 0; i < 50; i++) {
            CompletableFuture<Loop> started = new CompletableFuture<>();
            int delay = i % 3;
            Thread runner = new Thread(() -> Loop.run(() -> {
                started.complete(Loop.current());
                if (delay > 0) {
                    Timers.setTimeout(() -> { }, delay);
                }
            }));
            runner.start();
            Loop loop = started.get(5, TimeUnit.SECONDS);
            loop.close(Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
            runner.join(5_000);
            assertTrue(!runner.isAlive(), "Loop.run returned");
        }
    }
}
