package dev.stardust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.testing.LoopTester;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** JavaScript's combinators, a timeout, and the bridges between promises and CompletableFutures. */
class PromiseCombinatorsTest {

    /** A promise that succeeds with {@code value} after {@code ms}. */
    private static <T> Promise<T> later(T value, long ms) {
        return Promise.create((resolve, reject) -> Timers.setTimeout(() -> resolve.accept(value), ms));
    }

    private static <T> Promise<T> failingLater(String message, long ms) {
        return Promise.create((resolve, reject) -> Timers.setTimeout(
                () -> reject.accept(new IllegalStateException(message)), ms));
    }

    @Test
    void allGivesTheValuesInTheOrderGivenNotTheOrderCompleted() {
        LoopTester.run(t -> {
            Promise.all(List.of(later("slow", 30), later("fast", 1), Promise.resolved("now")))
                    .onSuccess(t.expect(values -> assertEquals(List.of("slow", "fast", "now"), values)));
            Promise.all(List.<Promise<String>>of()).onSuccess(t.expect(values -> assertEquals(List.of(), values)));
            Promise.all(List.of(Promise.resolved(null), Promise.resolved("x")))
                    .onSuccess(t.expect(values -> assertEquals(Arrays.asList(null, "x"), values)));
        });
    }

    @Test
    void allFailsWithTheFirstFailureAndTheOthersCountAsHandled() {
        LoopTester.run(t -> {
            // No uncaught report for the second failure: all() handled it.
            Promise.all(List.of(later("a", 50), failingLater("first", 5), failingLater("second", 10)))
                    .onFailure(t.expect(e -> assertEquals("first", e.getMessage())));
        });
    }

    @Test
    void allSettledReportsEveryOutcomeAndNeverFails() {
        LoopTester.run(t -> Promise.allSettled(List.of(later("a", 5), failingLater("no", 1)))
                .onSuccess(t.expect(outcomes -> {
                    assertEquals(new Promise.Settled<>(true, "a", null), outcomes.get(0));
                    assertEquals(false, outcomes.get(1).fulfilled());
                    assertEquals("no", outcomes.get(1).reason().getMessage());
                })));
    }

    @Test
    void anyTakesTheFirstSuccessAndFailsOnlyWhenAllFailed() {
        LoopTester.run(t -> {
            Promise.any(List.of(failingLater("quick failure", 1), later("b", 10), later("c", 30)))
                    .onSuccess(t.expect(v -> assertEquals("b", v)));
            Promise.any(List.of(failingLater("one", 1), failingLater("two", 5))).onFailure(t.expect(e -> {
                StardustException all = assertInstanceOf(StardustException.class, e);
                assertEquals("ERR_ALL_PROMISES_REJECTED", all.code());
                assertArrayEquals(new String[] {"one", "two"},
                        Arrays.stream(all.getSuppressed()).map(Throwable::getMessage).toArray());
            }));
        });
    }

    @Test
    void raceTakesWhicheverCompletesFirstSuccessOrFailure() {
        LoopTester.run(t -> {
            Promise.race(List.of(later("slow", 30), later("fast", 1))).onSuccess(t.expect(v -> assertEquals("fast", v)));
            Promise.race(List.of(later("slow", 30), failingLater("fast failure", 1)))
                    .onFailure(t.expect(e -> assertEquals("fast failure", e.getMessage())));
        });
    }

    @Test
    void timeoutFailsWithEtimedoutAndLetsTheLoopEndOnceTheOperationCompletes() {
        long started = System.nanoTime();
        LoopTester.run(t -> {
            Promise.<String>create((resolve, reject) -> { }).timeout(20).onFailure(t.expect(e -> {
                assertEquals("ETIMEDOUT", ((StardustException) e).code());
                assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(20));
            }));
            // Done in time: the value passes, and its timer is cancelled (the loop does not wait a minute).
            later("in time", 1).timeout(60_000).onSuccess(t.expect(v -> assertEquals("in time", v)));
        });
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30), "the timeout's timer kept the loop");
    }

    @Test
    void fromCompletesOnTheLoopThreadAndKeepsTheLoopAliveUntilThen() {
        List<String> threads = new ArrayList<>();
        LoopTester.run(t -> {
            CompletableFuture<String> elsewhere = new CompletableFuture<>();
            Thread worker = new Thread(() -> elsewhere.complete("from a worker"), "not-the-loop");
            // Nothing else keeps the loop alive: the pending future must.
            Promise.from(elsewhere).onSuccess(t.expect(v -> {
                threads.add(Thread.currentThread().getName());
                assertEquals("from a worker", v);
                assertTrue(Loop.isLoopThread());
            }));
            worker.start();
            CompletableFuture<String> failed = CompletableFuture.failedFuture(new IllegalStateException("broken"));
            Promise.from(failed.thenApply(s -> s)).onFailure(t.expect(e -> {
                // The CompletionException wrapper is removed: the cause is what failed.
                assertInstanceOf(IllegalStateException.class, e);
            }));
        });
        assertEquals(1, threads.size());
        assertTrue(!threads.get(0).equals("not-the-loop"), threads.toString());
    }

    @Test
    void aHostThreadWaitsForAPromiseReturningTaskWithoutNesting() throws Exception {
        Loop loop = Loop.start();
        try {
            CompletableFuture<String> value = loop.submitPromise(() -> later("done on the loop", 5));
            assertEquals("done on the loop", value.get(10, TimeUnit.SECONDS));
            IllegalStateException boom = new IllegalStateException("failed on the loop");
            CompletableFuture<Object> failed = loop.submitPromise(() -> Promise.rejected(boom));
            ExecutionException thrown = assertThrows(ExecutionException.class, () -> failed.get(10, TimeUnit.SECONDS));
            assertSame(boom, thrown.getCause());
        } finally {
            loop.close().get(10, TimeUnit.SECONDS);
        }
    }
}
