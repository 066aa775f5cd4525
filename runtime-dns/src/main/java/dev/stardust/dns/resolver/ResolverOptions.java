package dev.stardust.dns.resolver;

import java.time.Duration;

/**
 * Options of a {@link Resolver}, node's {@code new Resolver({timeout, tries})} plus the cache; immutable, each
 * {@code withX} returns a copy. The defaults give up on a silent server after 2 tries of 5 seconds.
 */
public final class ResolverOptions {
    private static final ResolverOptions DEFAULTS = new ResolverOptions(Duration.ofSeconds(5), 2, true);

    private final Duration timeout;
    private final int tries;
    private final boolean cache;

    private ResolverOptions(Duration timeout, int tries, boolean cache) {
        this.timeout = timeout;
        this.tries = tries;
        this.cache = cache;
    }

    /** 5 seconds per try, 2 tries per server, cache on. */
    public static ResolverOptions defaults() {
        return DEFAULTS;
    }

    /** How long one try waits for an answer (node's {@code timeout}). */
    public ResolverOptions withTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new ResolverOptions(timeout, tries, cache);
    }

    /** How many times each server is tried before the query fails (node's {@code tries}). */
    public ResolverOptions withTries(int tries) {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1, got " + tries);
        }
        return new ResolverOptions(timeout, tries, cache);
    }

    /** Whether answers are kept for their time to live and served again without a query. */
    public ResolverOptions withCache(boolean cache) {
        return new ResolverOptions(timeout, tries, cache);
    }

    /** How long one try waits for an answer. */
    public Duration timeout() {
        return timeout;
    }

    /** How many times each server is tried. */
    public int tries() {
        return tries;
    }

    /** Whether answers are cached. */
    public boolean cache() {
        return cache;
    }
}
