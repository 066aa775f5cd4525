package dev.stardust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.testing.LoopTester;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Promise callbacks: on the loop thread, after the registering code, exactly once; failures never lost. */
class PromiseTest {

    @Test
    void callbacksRunOnTheLoopThreadAfterTheRegisteringCodeReturnsExactlyOnce() {
        List<String> log = new ArrayList<>();
        LoopTester.run(t -> {
            Promise<String> done = Promise.resolved("v");
            done.onComplete(t.expect((v, e) -> log.add("complete " + v + " " + Loop.current().inLoopThread())));
            done.onSuccess(t.expect(v -> log.add("success " + v)));
            done.onFailure(t.expect(e -> log.add("failure"), 0));
            Promise<Integer> later = Promise.create((resolve, reject) -> {
                resolve.accept(1);
                resolve.accept(2);
                reject.accept(new RuntimeException("ignored"));
            });
            later.onSuccess(t.expect(v -> log.add("later " + v)));
            log.add("registered");
        });
        assertEquals(List.of("registered", "complete v true", "success v", "later 1"), log);
    }

    @Test
    void mapAndFlatMapChainAndForwardFailures() {
        LoopTester.run(t -> {
            Promise.resolved(20).map(v -> v + 1).flatMap(v -> Promise.resolved(v * 2))
                    .onSuccess(t.expect(v -> assertEquals(42, v)));
            RuntimeException boom = new RuntimeException("boom");
            Promise.<Integer>resolved(1).map(v -> {
                throw boom;
            }).map(v -> "never").onFailure(t.expect(e -> assertSame(boom, e)));
        });
    }

    @Test
    void anUnhandledRejectionReachesTheUncaughtHandler() {
        RuntimeException boom = new RuntimeException("boom");
        LoopTester tester = LoopTester.run(t -> {
            t.expectUncaught(1);
            Promise.rejected(boom);
            Promise<Object> p = Promise.rejected(new RuntimeException("handled in a tick"));
            Timers.nextTick(() -> p.onFailure(t.expect(e -> { })));
            Promise.rejected(new RuntimeException("handled")).onFailure(t.expect(e -> { }));
        });
        StardustException reported = (StardustException) tester.uncaught().get(0);
        assertEquals("ERR_UNHANDLED_REJECTION", reported.code());
        assertSame(boom, reported.getCause());
    }

    @Test
    void aCallbackThatThrowsGoesToTheHandlerNotBackIntoThePromise() {
        LoopTester tester = LoopTester.run(t -> {
            t.expectUncaught(1);
            Promise<String> p = Promise.resolved("v");
            p.onSuccess(t.expect(v -> {
                throw new IllegalStateException("listener bug");
            }));
            p.onComplete(t.expect((v, e) -> assertNull(e)));
        });
        assertEquals("listener bug", tester.uncaught().get(0).getMessage());
    }

    @Test
    void executeBlockingRunsOffTheLoopCompletesOnItAndKeepsItAlive() {
        LoopTester.run(t -> {
            Thread loopThread = Thread.currentThread();
            // Nothing else keeps the loop alive: the work itself must, while it runs.
            Loop.current().executeBlocking(() -> {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // slow work, not synchronisation
                return Thread.currentThread();
            }).onSuccess(t.expect(worker -> {
                assertNotEquals(loopThread, worker);
                assertSame(loopThread, Thread.currentThread());
            }));
            Loop.current().executeBlocking(() -> {
                throw new java.io.IOException("disk on fire");
            }).onFailure(t.expect(e -> assertEquals("disk on fire", e.getMessage())));
        });
    }

    @Test
    void executeBlockingFailsWithEagainWhenTheQueueIsFull() {
        CountDownLatch release = new CountDownLatch(1);
        LoopOptions tiny = LoopOptions.defaults().withWorkerThreads(1).withWorkerQueueCapacity(1);
        LoopTester.run(tiny, Duration.ofSeconds(10), t -> {
            Loop loop = Loop.current();
            loop.executeBlocking(() -> release.await(10, TimeUnit.SECONDS)).onSuccess(t.expect(ok -> assertTrue(ok)));
            loop.executeBlocking(() -> "queued").onSuccess(t.expect(v -> assertEquals("queued", v)));
            loop.executeBlocking(() -> "rejected").onFailure(t.expect(e -> {
                assertEquals("EAGAIN", ((StardustException) e).code());
                release.countDown();
            }));
        });
    }

    @Test
    void aPromiseCompletedFromAnotherThreadHopsOntoTheLoop() {
        LoopTester.run(t -> {
            Thread loopThread = Thread.currentThread();
            Timer keepAlive = Timers.setTimeout(() -> { }, 60_000);
            Promise<String> p = Promise.create((resolve, reject) -> new Thread(() -> resolve.accept("x")).start());
            p.onSuccess(t.expect(v -> {
                assertSame(loopThread, Thread.currentThread());
                keepAlive.close();
            }));
        });
    }

    @Test
    void toCompletableFutureServesCodeOutsideTheLoop() throws Exception {
        Loop loop = Loop.start();
        try {
            Promise<String> p = loop.submit(() -> Promise.resolved("out")).get(5, TimeUnit.SECONDS);
            assertEquals("out", p.toCompletableFuture().get(5, TimeUnit.SECONDS));
        } finally {
            loop.close().get(10, TimeUnit.SECONDS);
        }
    }
}
