package dev.stardust.examples;

import dev.stardust.Loop;
import dev.stardust.Timer;
import dev.stardust.Timers;

/** {@code timers [COUNT]}: an interval ticking every 200 ms, a timeout, an immediate and a nextTick, in node's order. */
public final class TimersExample implements Example {

    @Override
    public String name() {
        return "timers";
    }

    @Override
    public String description() {
        return "[COUNT] tick COUNT times (default 5) with setInterval, showing node's callback order";
    }

    @Override
    public int run(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Loop.run(() -> {
            Timers.setTimeout(() -> System.out.println("timeout: 0 ms, clamped to 1 ms as in node"), 0);
            Timers.setImmediate(() -> System.out.println("immediate: after this turn's I/O"));
            Timers.nextTick(() -> System.out.println("nextTick: as soon as main returns"));
            int[] ticks = {0};
            Timer[] interval = new Timer[1];
            interval[0] = Timers.setInterval(() -> {
                System.out.println("interval: tick " + ++ticks[0]);
                if (ticks[0] == count) {
                    interval[0].close();
                }
            }, 200);
            System.out.println("main: running on " + Loop.current() + "; the loop exits when nothing is left");
        });
        System.out.println("done: the loop was empty");
        return 0;
    }
}
