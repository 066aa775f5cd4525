package dev.stardust.examples;

import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for the agent's retries: the n-th delay is drawn uniformly from the upper half of
 * {@code min(cap, base * 2^n)} ("equal jitter"), so a fleet of agents that lost their collector at the same moment
 * does not come back at the same moment, while every delay stays at least half the nominal one.
 */
final class Backoff {
    private final long baseMs;
    private final long capMs;
    private final DoubleSupplier random;
    private int attempts;

    /** Delays from {@code baseMs}, doubling, capped at {@code capMs}; {@code random} yields values in [0, 1). */
    Backoff(long baseMs, long capMs, DoubleSupplier random) {
        this.baseMs = Math.max(1, baseMs);
        this.capMs = Math.max(this.baseMs, capMs);
        this.random = random;
    }

    /** The delay before the next attempt, in milliseconds; counts the attempt. */
    long next() {
        long nominal = Math.min(capMs, baseMs << Math.min(attempts, 30));
        attempts++;
        long half = nominal / 2;
        return Math.max(1, half + (long) (random.getAsDouble() * (nominal - half + 1)));
    }

    /** How many delays were taken since the last success. */
    int attempts() {
        return attempts;
    }

    /** Starts over after a success. */
    void reset() {
        attempts = 0;
    }
}
