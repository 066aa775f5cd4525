package dev.stardust.examples;

import dev.stardust.Loop;
import dev.stardust.Timers;

/**
 * {@code one-timer}: the smallest program, one loop and one 1 ms timeout, then exit. The startup benchmark times it
 * from spawn to exit next to node's {@code setTimeout(() => console.log('timeout'), 1)}.
 */
public final class OneTimerExample implements Example {

    @Override
    public String name() {
        return "one-timer";
    }

    @Override
    public String description() {
        return "one 1 ms timeout, then exit: the smallest program (startup benchmark)";
    }

    @Override
    public int run(String[] args) {
        Loop.run(() -> Timers.setTimeout(() -> System.out.println("timeout"), 1));
        return 0;
    }
}
