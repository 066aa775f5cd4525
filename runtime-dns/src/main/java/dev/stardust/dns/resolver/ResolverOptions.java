package dev.stardust.dns.resolver;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Options of a {@link Resolver}, node's {@code new Resolver({timeout, tries})} plus the cache, the
 * {@code resolv.conf} file read for servers and search list, and whether to search; immutable, each {@code withX}
 * returns a copy. The defaults give up on a silent server after 2 tries of 5 seconds and, as node, ask each name
 * as it is, without the search list.
 */
public final class ResolverOptions {
    private static final ResolverOptions DEFAULTS = new ResolverOptions(Duration.ofSeconds(5), 2, true,
            Path.of("/etc/resolv.conf"), false);

    private final Duration timeout;
    private final int tries;
    private final boolean cache;
    private final Path resolvConf;
    private final boolean search;

    private ResolverOptions(Duration timeout, int tries, boolean cache, Path resolvConf, boolean search) {
        this.timeout = timeout;
        this.tries = tries;
        this.cache = cache;
        this.resolvConf = resolvConf;
        this.search = search;
    }

    /** 5 seconds per try, 2 tries per server, cache on, {@code /etc/resolv.conf}, no search list. */
    public static ResolverOptions defaults() {
        return DEFAULTS;
    }

    /** How long one try waits for an answer (node's {@code timeout}). */
    public ResolverOptions withTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new ResolverOptions(timeout, tries, cache, resolvConf, search);
    }

    /** How many times each server is tried before the query fails (node's {@code tries}). */
    public ResolverOptions withTries(int tries) {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1, got " + tries);
        }
        return new ResolverOptions(timeout, tries, cache, resolvConf, search);
    }

    /** Whether answers are kept for their time to live and served again without a query. */
    public ResolverOptions withCache(boolean cache) {
        return new ResolverOptions(timeout, tries, cache, resolvConf, search);
    }

    /**
     * The file in {@code resolv.conf} format whose {@code nameserver}, {@code search}/{@code domain} and
     * {@code options ndots:n} lines the resolver takes (c-ares reads {@code /etc/resolv.conf}); it is read once,
     * when the resolver is made. A missing file means 127.0.0.1 and no search list.
     */
    public ResolverOptions withResolvConf(Path resolvConf) {
        return new ResolverOptions(timeout, tries, cache, resolvConf, search);
    }

    /**
     * Whether names go through the search list and {@code ndots} rule of {@link #resolvConf()}, as c-ares's
     * {@code ares_search} and the system's resolver do; node's {@code resolve*} call {@code ares_query} and never
     * search, hence off by default. With it on, a name with fewer dots than {@code ndots} is tried with each search
     * domain before as it is, other names as they are first, and a name ending in a dot only as it is.
     */
    public ResolverOptions withSearch(boolean search) {
        return new ResolverOptions(timeout, tries, cache, resolvConf, search);
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

    /** The {@code resolv.conf} file read for servers, search list and {@code ndots}. */
    public Path resolvConf() {
        return resolvConf;
    }

    /** Whether names go through the search list. */
    public boolean search() {
        return search;
    }
}
