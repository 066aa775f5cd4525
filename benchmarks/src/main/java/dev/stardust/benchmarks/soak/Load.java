package dev.stardust.benchmarks.soak;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The scenarios running: each on a thread of its own with a fixed delay between runs (never fixed-rate, which would
 * burst to catch up after a slow run, so the load stays bounded whatever the server does), counting runs and errors.
 */
final class Load {
    private static final int MAX_REPORTED_ERRORS = 30;

    private final Scenarios behaviours;
    private final List<Scenarios.Scenario> scenarios;
    private final ScheduledExecutorService runner;
    private final ExecutorService writers;
    private final AtomicLong runs;
    private final AtomicLong errors;
    private final AtomicLongArray lastDoneNanos;
    private final AtomicInteger reported;
    private final PrintStream log;

    private Load(Scenarios.Ports ports, AtomicLong runs, AtomicLong errors, AtomicInteger reported, PrintStream log) {
        this.writers = Executors.newCachedThreadPool(daemon("soak-writer"));
        this.behaviours = new Scenarios(ports, writers);
        this.scenarios = behaviours.all();
        this.runner = Executors.newScheduledThreadPool(scenarios.size(), daemon("soak-load"));
        this.runs = runs;
        this.errors = errors;
        this.reported = reported;
        this.log = log;
        this.lastDoneNanos = new AtomicLongArray(scenarios.size());
    }

    /** Starts every scenario; runs and errors add to the given counters, which outlive one Load. */
    static Load start(Scenarios.Ports ports, AtomicLong runs, AtomicLong errors, AtomicInteger reported,
            PrintStream log) {
        Load load = new Load(ports, runs, errors, reported, log);
        long now = System.nanoTime();
        for (int i = 0; i < load.scenarios.size(); i++) {
            Scenarios.Scenario scenario = load.scenarios.get(i);
            int index = i;
            load.lastDoneNanos.set(i, now);
            long[] iteration = {0};
            // spread the first runs over the period, so the scenarios do not all start in the same millisecond
            long firstDelay = scenario.periodMs() * i / load.scenarios.size();
            load.runner.scheduleWithFixedDelay(() -> load.runOnce(index, scenario, iteration[0]++), firstDelay,
                    scenario.periodMs(), TimeUnit.MILLISECONDS);
        }
        return load;
    }

    private void runOnce(int index, Scenarios.Scenario scenario, long iteration) {
        try {
            scenario.run().once(iteration);
            runs.incrementAndGet();
        } catch (Throwable e) {
            errors.incrementAndGet();
            if (reported.incrementAndGet() <= MAX_REPORTED_ERRORS) {
                log.println(Instant.now() + " soak: " + scenario.name() + " #" + iteration + " failed: " + e);
            }
        }
        lastDoneNanos.set(index, System.nanoTime());
    }

    /** The scenario that has not finished a run for longer than {@code limitNanos}, or null. */
    @org.jspecify.annotations.Nullable String stuck(long limitNanos) {
        long now = System.nanoTime();
        for (int i = 0; i < scenarios.size(); i++) {
            if (now - lastDoneNanos.get(i) > limitNanos) {
                return scenarios.get(i).name();
            }
        }
        return null;
    }

    /** Stops scheduling and waits for the runs under way; a run still going after 45 s is stuck. */
    boolean stop() throws InterruptedException, java.io.IOException {
        runner.shutdown();
        boolean done = runner.awaitTermination(45, TimeUnit.SECONDS);
        writers.shutdownNow();
        behaviours.close();
        return done;
    }

    List<String> names() {
        return scenarios.stream().map(Scenarios.Scenario::name).toList();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
