package dev.stardust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stardust.testing.LoopTester;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link Loops}: setup on each loop's thread, failures thrown to the caller, never called on a loop. */
class LoopsTest {
    @Test
    void runsTheSetupOnEachLoopWithItsIndexAndClosesThemAll() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        Loops loops = Loops.startEach(3, i -> {
            ran.add(i + " on " + Loop.current().name());
            return Promise.resolved(i);
        });
        assertEquals(3, loops.size());
        assertEquals("stardust-loop-1", loops.loops().get(1).name());
        loops.close().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("0 on stardust-loop-0", "1 on stardust-loop-1", "2 on stardust-loop-2"),
                ran.stream().sorted().toList());
    }

    @Test
    void aFailedSetupIsThrownHere() {
        StardustException rejected = assertThrows(StardustException.class, () -> Loops.startEach(2,
                i -> i == 1 ? Promise.rejected(new StardustException("EBOOM", "no")) : Promise.resolved(null)));
        assertEquals("EBOOM", rejected.code());
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Loops.startEach(1, i -> {
            throw new IllegalStateException("setup threw");
        }));
        assertEquals("setup threw", thrown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Loops.startEach(0, i -> Promise.resolved(null)));
    }

    @Test
    void refusesToBlockALoopThread() {
        LoopTester.run(t -> assertThrows(IllegalStateException.class,
                () -> Loops.startEach(1, i -> Promise.resolved(null))));
    }
}
