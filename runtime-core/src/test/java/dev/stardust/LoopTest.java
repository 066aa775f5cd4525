package dev.stardust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.internal.RealLoop;
import dev.stardust.testing.LoopTester;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Running until empty, uncaught errors, thread confinement and independence of loops. */
class LoopTest {

    @Test
    void runReturnsOnceNothingReferencedIsLeft() {
        List<String> log = new ArrayList<>();
        Loop.run(() -> log.add("main"));
        assertEquals(List.of("main"), log);
        LoopTester.run(t -> {
            Timers.setTimeout(t.expect(() -> Timers.setImmediate(t.expect(() -> log.add("last")))), 5);
            Timers.setTimeout(t.expect(() -> { }, 0), 10_000).unref();
        });
        assertEquals(List.of("main", "last"), log);
        assertFalse(Loop.isLoopThread());
    }

    @Test
    void nettyTasksQueuedWhileTheLoopEndsStillRunAndMayKeepItAlive() {
        LoopTester.run(t -> ((RealLoop) Loop.current()).ioLoop().execute(
                () -> Timers.setTimeout(t.expect(() -> { }), 5)));
    }

    @Test
    void anUncaughtErrorReachesTheHandlerAndTheLoopGoesOn() {
        RuntimeException boom = new RuntimeException("boom");
        LoopTester tester = LoopTester.run(t -> {
            t.expectUncaught(3);
            Timers.setImmediate(() -> {
                // Set here, the timeout is certainly due after the immediate, whatever the first turn took.
                Timers.setTimeout(() -> {
                    throw boom;
                }, 1);
                throw new IllegalStateException("immediate");
            });
            Timers.nextTick(() -> {
                throw new IllegalArgumentException("tick");
            });
            Timers.setTimeout(t.expect(() -> { }), 10);
        });
        List<Throwable> errors = tester.uncaught();
        assertEquals("tick", errors.get(0).getMessage());
        assertEquals("immediate", errors.get(1).getMessage());
        assertSame(boom, errors.get(2));
    }

    @Test
    void anUncaughtHandlerThatThrowsDoesNotStopTheLoop() {
        LoopTester.run(t -> {
            Loop.current().uncaughtExceptionHandler(e -> {
                throw new IllegalStateException("handler failed too");
            });
            Timers.setTimeout(() -> {
                throw new RuntimeException("first");
            }, 1);
            Timers.setTimeout(t.expect(() -> { }), 5);
        });
    }

    @Test
    void loopBoundApisFromAForeignThreadThrowAtOnce() throws Exception {
        assertThrows(IllegalStateException.class, () -> Timers.setTimeout(() -> { }, 1));
        assertThrows(IllegalStateException.class, () -> Timers.setImmediate(() -> { }));
        assertThrows(IllegalStateException.class, () -> Timers.nextTick(() -> { }));
        assertThrows(IllegalStateException.class, Loop::current);
        CompletableFuture<Object[]> bound = new CompletableFuture<>();
        LoopTester.run(t -> {
            Timer timer = Timers.setTimeout(() -> { }, 60_000).unref();
            Immediate im = Timers.setImmediate(() -> { }).unref();
            EventEmitter emitter = new EventEmitter();
            Promise<String> promise = Promise.create((resolve, reject) -> { });
            bound.complete(new Object[] {timer, im, emitter, promise, Loop.current()});
        });
        // The loop has ended; its objects still refuse other threads instead of touching loop state.
        Object[] o = bound.get(1, TimeUnit.SECONDS);
        Timer timer = (Timer) o[0];
        assertThrows(IllegalStateException.class, timer::close);
        assertThrows(IllegalStateException.class, timer::refresh);
        assertThrows(IllegalStateException.class, timer::unref);
        assertThrows(IllegalStateException.class, ((Immediate) o[1])::close);
        assertThrows(IllegalStateException.class, () -> ((EventEmitter) o[2]).emit("x"));
        assertThrows(IllegalStateException.class, () -> ((EventEmitter) o[2]).on("x", ignored -> { }));
        @SuppressWarnings("unchecked")
        Promise<String> promise = (Promise<String>) o[3];
        assertThrows(IllegalStateException.class, () -> promise.onComplete((v, e) -> { }));
        assertThrows(IllegalStateException.class, () -> ((Loop) o[4]).executeBlocking(() -> 1));
    }

    @Test
    void foreignThreadChecksFailWhileTheLoopRuns() {
        LoopTester.run(t -> {
            Timer timer = Timers.setTimeout(() -> { }, 60_000);
            EventEmitter emitter = new EventEmitter();
            Loop loop = Loop.current();
            loop.executeBlocking(() -> {
                List<String> failures = new ArrayList<>();
                try {
                    timer.close();
                } catch (IllegalStateException expected) {
                    failures.add("timer");
                }
                try {
                    emitter.emit("x");
                } catch (IllegalStateException expected) {
                    failures.add("emitter");
                }
                try {
                    loop.executeBlocking(() -> 1);
                } catch (IllegalStateException expected) {
                    failures.add("executeBlocking");
                }
                return failures;
            }).onComplete(t.expect((failures, error) -> {
                assertEquals(List.of("timer", "emitter", "executeBlocking"), failures);
                timer.close();
            }));
        });
    }

    @Test
    void runCannotNestOnOneThread() {
        LoopTester.run(t -> assertThrows(IllegalStateException.class, () -> Loop.run(() -> { })));
    }

    @Test
    void twoLoopsInOneJvmAreIndependent() throws Exception {
        AtomicReference<Loop> first = new AtomicReference<>();
        CountDownLatch secondDone = new CountDownLatch(1);
        List<String> log = new CopyOnWriteArrayList<>();
        Thread other = new Thread(() -> LoopTester.run(t -> {
            first.get(); // only to show the loops differ below
            Timers.setTimeout(t.expect(() -> {
                log.add("second loop timer");
                secondDone.countDown();
            }), 5);
        }));
        LoopTester tester = LoopTester.run(t -> {
            first.set(Loop.current());
            t.expectUncaught(1);
            other.start();
            // This loop stays busy with an interval until the other has finished on its own.
            Timer[] interval = new Timer[1];
            interval[0] = Timers.setInterval(() -> {
                if (secondDone.getCount() == 0) {
                    interval[0].close();
                    throw new IllegalStateException("only this loop's handler sees this");
                }
            }, 2);
        });
        other.join(10_000);
        assertEquals(List.of("second loop timer"), log);
        assertEquals(1, tester.uncaught().size());
        AtomicReference<Loop> a = new AtomicReference<>();
        AtomicReference<Loop> b = new AtomicReference<>();
        Loop.run(() -> a.set(Loop.current()));
        Loop.run(() -> b.set(Loop.current()));
        assertNotSame(a.get(), b.get());
        assertFalse(a.get().name().equals(b.get().name()));
    }

    @Test
    void executeAndSubmitFrom8ThreadsRunEveryTaskOnceOnTheLoopThread() throws Exception {
        int threads = 8;
        int perThread = 10_000;
        Loop loop = Loop.start();
        try {
            int[] runs = new int[threads * perThread]; // touched only on the loop thread
            AtomicInteger offLoop = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> senders = new ArrayList<>();
            for (int s = 0; s < threads; s++) {
                int base = s * perThread;
                boolean useSubmit = s % 2 == 1;
                Thread sender = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        int id = base + i;
                        Runnable task = () -> {
                            if (!loop.inLoopThread()) {
                                offLoop.incrementAndGet();
                            }
                            runs[id]++;
                        };
                        if (useSubmit) {
                            loop.submit(() -> {
                                task.run();
                                return null;
                            });
                        } else {
                            loop.execute(task);
                        }
                    }
                });
                sender.start();
                senders.add(sender);
            }
            go.countDown();
            for (Thread sender : senders) {
                sender.join(10_000);
            }
            // Queued after every task above, so it sees all of them.
            int[] snapshot = loop.submit(runs::clone).get(10, TimeUnit.SECONDS);
            for (int id = 0; id < snapshot.length; id++) {
                assertEquals(1, snapshot[id], "task " + id);
            }
            assertEquals(0, offLoop.get());
        } finally {
            loop.close().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void submitCompletesWithTheResultOrTheFailure() throws Exception {
        Loop loop = Loop.start(LoopOptions.defaults().withName("submitter"));
        try {
            assertEquals("submitter", loop.name());
            assertEquals("submitter", loop.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS));
            CompletableFuture<Object> failed = loop.submit(() -> {
                throw new java.io.IOException("nope");
            });
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> failed.get(5, TimeUnit.SECONDS));
            assertEquals("nope", e.getCause().getMessage());
        } finally {
            loop.close().get(10, TimeUnit.SECONDS);
        }
    }
}
