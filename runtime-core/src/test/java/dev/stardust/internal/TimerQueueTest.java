package dev.stardust.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The timer heap: deadline order, equal deadlines in insertion order, O(log n) removal from anywhere. */
class TimerQueueTest {
    private static final Runnable NOTHING = () -> { };

    private static RealTimer timer() {
        return new RealTimer(null, NOTHING, 1, false);
    }

    @Test
    void equalDeadlinesComeOutInInsertionOrder() {
        TimerQueue q = new TimerQueue();
        List<RealTimer> added = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            RealTimer t = timer();
            q.add(t, 1_000); // exactly the same deadline
            added.add(t);
        }
        RealTimer early = timer();
        q.add(early, 999);
        assertEquals(early, q.peek());
        q.remove(early);
        for (RealTimer expected : added) {
            assertEquals(expected, q.peek());
            q.remove(expected);
        }
        assertNull(q.peek());
    }

    @Test
    void randomAddsAndRemovesMatchASortedModel() {
        Random random = new Random(20_240_601L); // fixed seed: the same sequence on every run
        TimerQueue q = new TimerQueue();
        List<RealTimer> model = new ArrayList<>();
        Comparator<RealTimer> order = Comparator.<RealTimer>comparingLong(t -> t.deadline)
                .thenComparingLong(t -> t.sequence);
        for (int step = 0; step < 20_000; step++) {
            int op = random.nextInt(10);
            if (op < 6 || model.isEmpty()) {
                RealTimer t = timer();
                q.add(t, random.nextInt(500) - 250L); // deadlines on both sides of zero, many ties
                model.add(t);
            } else if (op < 9) {
                RealTimer victim = model.remove(random.nextInt(model.size()));
                q.remove(victim);
                assertFalse(victim.isQueued());
                q.remove(victim); // removing twice is harmless
            } else {
                model.sort(order);
                RealTimer first = model.remove(0);
                assertEquals(first, q.peek(), "at step " + step);
                q.remove(first);
            }
            assertEquals(model.size(), q.size());
        }
        model.sort(order);
        for (RealTimer t : model) {
            assertEquals(t, q.peek());
            q.remove(t);
        }
        assertEquals(0, q.size());
        assertEquals(0, q.clear().length);
    }
}
