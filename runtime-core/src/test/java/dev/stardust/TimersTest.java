package dev.stardust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.internal.RealLoop;
import dev.stardust.testing.LoopTester;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** node's timer semantics: ordering, clamping, intervals, cancellation and references. */
class TimersTest {

    /** Holds the loop thread on purpose (a slow callback), which is not synchronisation. */
    static void busyFor(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() - end < 0) {
            LockSupport.parkNanos(100_000);
        }
    }

    static String alive() {
        return ((RealLoop) Loop.current()).describeAliveHandles();
    }

    @Test
    void timeoutsFireInDeadlineOrderAndEqualDelaysInInsertionOrder() {
        List<String> log = new ArrayList<>();
        LoopTester.run(t -> {
            Timers.setTimeout(t.expect(() -> log.add("30")), 30);
            Timers.setTimeout(t.expect(() -> log.add("10a")), 10);
            Timers.setTimeout(t.expect(() -> log.add("20")), 20);
            Timers.setTimeout(t.expect(() -> log.add("10b")), 10);
            Timers.setTimeout(t.expect(() -> log.add("10c")), 10);
        });
        assertEquals(List.of("10a", "10b", "10c", "20", "30"), log);
    }

    @Test
    void delaysBelowOneOrAboveIntMaxBecomeOneMillisecond() {
        List<String> log = new ArrayList<>();
        LoopTester.run(t -> {
            Timers.setTimeout(t.expect(() -> log.add("later")), 40);
            Timers.setTimeout(t.expect(() -> log.add("zero")), 0);
            Timers.setTimeout(t.expect(() -> log.add("negative")), -5);
            Timers.setTimeout(t.expect(() -> log.add("2^31")), 1L << 31);
            Timers.setTimeout(t.expect(() -> log.add("huge")), Long.MAX_VALUE);
            Timer max = Timers.setTimeout(() -> { }, Integer.MAX_VALUE); // 2^31-1 is kept as it is
            Timers.setTimeout(t.expect(() -> {
                assertTrue(max.isActive());
                max.close();
            }), 60);
        });
        assertEquals(List.of("zero", "negative", "2^31", "huge", "later"), log);
    }

    @Test
    void nextTickDrainsBetweenTwoTimerCallbacks() {
        List<String> log = new ArrayList<>();
        LoopTester.run(t -> {
            Timers.setTimeout(t.expect(() -> {
                log.add("timer1");
                Timers.nextTick(() -> {
                    log.add("tick1");
                    Timers.nextTick(() -> log.add("tick2"));
                });
            }), 5);
            Timers.setTimeout(t.expect(() -> log.add("timer2")), 5);
            busyFor(10); // both timers are due in the same timers phase
        });
        assertEquals(List.of("timer1", "tick1", "tick2", "timer2"), log);
    }

    @Test
    void inAnIoCallbackTicksRunFirstThenImmediatesThenTimers() {
        List<String> log = new ArrayList<>();
        LoopTester.run(t -> Loop.current().execute(t.expect(() -> {
            Timers.setTimeout(t.expect(() -> log.add("timeout")), 0);
            Timers.setImmediate(t.expect(() -> log.add("immediate")));
            Timers.nextTick(t.expect(() -> log.add("tick")));
            Promise.resolved("v").onSuccess(t.expect(v -> log.add("promise")));
            log.add("task");
        })));
        assertEquals(List.of("task", "tick", "promise", "immediate", "timeout"), log);
    }

    @Test
    void anImmediateQueuedByAnImmediateRunsOnTheNextTurn() {
        List<String> log = new ArrayList<>();
        LoopTester.run(t -> {
            Timers.setImmediate(t.expect(() -> {
                log.add("A");
                Timers.setImmediate(t.expect(() -> log.add("C")));
                // A task handed to the loop now runs in the next turn's poll phase, before C if C waits a turn.
                Loop.current().execute(t.expect(() -> log.add("task")));
            }));
            Timers.setImmediate(t.expect(() -> log.add("B")));
        });
        assertEquals(List.of("A", "B", "task", "C"), log);
    }

    @Test
    void pendingImmediatesKeepThePollFromBlocking() {
        AtomicInteger runs = new AtomicInteger();
        LoopTester.run(t -> {
            // A referenced hour-long timer: a poll that blocked until it would hang the chain below.
            Timer keeper = Timers.setTimeout(t.expect(() -> { }, 0), 3_600_000);
            Runnable[] step = new Runnable[1];
            step[0] = () -> {
                if (runs.incrementAndGet() < 200) {
                    Timers.setImmediate(step[0]);
                } else {
                    keeper.close();
                }
            };
            Timers.setImmediate(step[0]);
        });
        assertEquals(200, runs.get());
    }

    @Test
    void anIntervalDoesNotDriftOver200Ticks() {
        long[] ticks = new long[201];
        AtomicInteger count = new AtomicInteger();
        AtomicReference<String> early = new AtomicReference<>();
        LoopTester.run(t -> {
            long start = System.nanoTime();
            Timer[] interval = new Timer[1];
            interval[0] = Timers.setInterval(t.expect(() -> {
                int n = count.incrementAndGet();
                ticks[n] = System.nanoTime() - start;
                if (ticks[n] < TimeUnit.MILLISECONDS.toNanos(5L * n) && early.get() == null) {
                    early.set("tick " + n + " at " + ticks[n] / 1_000 + " us, before its deadline");
                }
                if (n == 200) {
                    interval[0].close();
                }
            }, 200), 5);
        });
        assertEquals(null, early.get());
        // Planned from each callback's start, a tick inherits the lateness of the one before plus its own, so
        // lateness never shrinks and drifts without bound. Planned from deadlines, each tick's lateness is its
        // own wake-up delay and goes down as often as up. (A stall longer than an interval moves the phase once,
        // by design: no catch-up burst. That does not stop lateness from shrinking afterwards.)
        int shrinking = 0;
        for (int n = 2; n <= 200; n++) {
            long before = ticks[n - 1] - TimeUnit.MILLISECONDS.toNanos(5L * (n - 1));
            long now = ticks[n] - TimeUnit.MILLISECONDS.toNanos(5L * n);
            if (now < before) {
                shrinking++;
            }
        }
        assertTrue(shrinking >= 40, "lateness shrank from one tick to the next only " + shrinking + " times of 199");
    }

    @Test
    void aSlowIntervalCallbackCausesAtMostOneImmediateExtraRun() {
        List<Long> runs = new ArrayList<>();
        LoopTester.run(t -> {
            Timer[] interval = new Timer[1];
            interval[0] = Timers.setInterval(t.expect(() -> {
                runs.add(System.nanoTime());
                if (runs.size() == 1) {
                    busyFor(70); // three and a half intervals
                }
                if (runs.size() == 4) {
                    interval[0].close();
                }
            }, 4), 20);
        });
        // Run 2 catches up at once; run 3 is planned a full interval after run 2 started, not in a burst.
        long gap23 = TimeUnit.NANOSECONDS.toMillis(runs.get(2) - runs.get(1));
        long gap24 = TimeUnit.NANOSECONDS.toMillis(runs.get(3) - runs.get(1));
        assertTrue(gap23 >= 19, "run 3 came " + gap23 + " ms after run 2");
        // Run 4 is planned from run 3's deadline (no drift), so it is two intervals after run 2, however late run 3.
        assertTrue(gap24 >= 39, "run 4 came " + gap24 + " ms after run 2");
    }

    @Test
    void aMillionTimersCanBeCreatedAndCancelled() {
        AtomicInteger fired = new AtomicInteger();
        LoopTester.run(t -> {
            Runnable callback = fired::incrementAndGet;
            Timer[] all = new Timer[1_000_000];
            for (int i = 0; i < all.length; i++) {
                all[i] = Timers.setTimeout(callback, 1 + (i * 7919L) % 5_000);
            }
            assertTrue(alive().contains("refs=1000000"), alive());
            for (int i = 0; i < all.length; i++) {
                if (i % 100_000 != 0) {
                    all[i].close();
                }
            }
            assertTrue(alive().contains("refs=10,") && alive().contains("timers=10,"), alive());
            for (int i = 0; i < all.length; i += 100_000) {
                all[i].close();
            }
            assertTrue(alive().startsWith("refs=0,") && alive().contains("timers=0,"), alive());
            Timers.setTimeout(t.expect(() -> { }), 1); // the loop still works and ends
        });
        assertEquals(0, fired.get());
    }

    @Test
    void clearingATimeoutOrIntervalInsideItsOwnCallbackLeavesTheCountRight() {
        AtomicInteger intervalRuns = new AtomicInteger();
        LoopTester.run(t -> {
            Timer[] self = new Timer[2];
            self[0] = Timers.setTimeout(t.expect(() -> {
                assertFalse(self[0].isActive());
                Timers.clearTimeout(self[0]);
                Timers.clearTimeout(self[0]);
            }), 1);
            self[1] = Timers.setInterval(() -> {
                if (intervalRuns.incrementAndGet() == 3) {
                    Timers.clearInterval(self[1]);
                    Timers.clearInterval(self[1]);
                    assertFalse(self[1].isActive());
                    // Refs never went below zero: a later timer still keeps the loop alive until it fires.
                    Timers.setTimeout(t.expect(() -> assertTrue(alive().startsWith("refs=0,"), alive())), 20);
                }
            }, 2);
        });
        assertEquals(3, intervalRuns.get());
    }

    @Test
    void aTimerCancelledByAnotherTimerDueInTheSamePassDoesNotFire() {
        LoopTester.run(t -> {
            Timer[] victim = new Timer[1];
            Timers.setTimeout(t.expect(() -> victim[0].close()), 5);
            victim[0] = Timers.setTimeout(t.expect(() -> { }, 0), 5);
            Timer[] interval = new Timer[1];
            Timers.setTimeout(t.expect(() -> interval[0].close()), 5);
            interval[0] = Timers.setInterval(t.expect(() -> { }, 0), 5);
            busyFor(10);
        });
    }

    @Test
    void refreshRestartsAnActiveTimerAndRevivesAFiredOne() {
        AtomicInteger fired = new AtomicInteger();
        LoopTester.run(t -> {
            Timer timer = Timers.setTimeout(fired::incrementAndGet, 30);
            Timers.setTimeout(t.expect(() -> {
                String before = alive(); // this timer has fired; the refreshed one and the second check remain
                timer.refresh();
                timer.refresh();
                assertEquals(before, alive());
                assertTrue(before.startsWith("refs=2,"), before);
                // Planned from the refresh, so it comes after the refreshed timer however late this check ran.
                Timers.setTimeout(t.expect(() -> {
                    assertEquals(1, fired.get());
                    assertFalse(timer.isActive());
                    timer.refresh(); // revives it: fires a second time
                }), 70);
            }), 10);
            Timers.setTimeout(t.expect(() -> {
                assertEquals(0, fired.get(), "refreshed at 10 ms or later, so not due before 40 ms");
                assertFalse(timer.isActive() && fired.get() > 0);
            }), 35);
        });
        assertEquals(2, fired.get());
    }

    @Test
    void unrefIsIdempotentAndAnUnrefTimerDoesNotKeepTheLoopAlive() {
        LoopTester.run(t -> {
            Timer lonely = Timers.setTimeout(t.expect(() -> { }, 0), 1_000);
            lonely.unref().unref();
            assertFalse(lonely.hasRef());
            assertTrue(alive().startsWith("refs=0,"), alive());
            lonely.ref().ref();
            assertTrue(alive().startsWith("refs=1,"), alive());
            lonely.unref();
            Immediate im = Timers.setImmediate(t.expect(() -> { }));
            im.unref().unref().ref().ref();
            assertTrue(alive().startsWith("refs=1,"), alive());
        });
    }

    @Test
    void anUnrefIntervalRunsWhileSomethingElseKeepsTheLoopAlive() {
        AtomicInteger runs = new AtomicInteger();
        LoopTester.run(t -> {
            // A referenced timer keeps the loop alive until the unref'd interval has run three times, however slow
            // the machine: the test waits on the runs themselves, not on a time window.
            Timer keepAlive = Timers.setTimeout(t.expect(() -> { }, 0), 60_000);
            Timer[] interval = new Timer[1];
            interval[0] = Timers.setInterval(() -> {
                if (runs.incrementAndGet() == 3) {
                    interval[0].close();
                    keepAlive.close();
                }
            }, 2).unref();
        });
        assertEquals(3, runs.get());
    }

    @Test
    void clearImmediateBeforeItRuns() {
        LoopTester.run(t -> {
            Immediate im = Timers.setImmediate(t.expect(() -> { }, 0));
            Timers.setImmediate(t.expect(() -> { }));
            Timers.clearImmediate(im);
            Timers.clearImmediate(im);
            Timers.clearImmediate(null);
            Timers.clearTimeout(null);
            assertTrue(alive().startsWith("refs=1,"), alive());
        });
    }
}
