package dev.stardust.http;

import dev.stardust.http.internal.Pool;
import dev.stardust.internal.RealLoop;
import java.time.Duration;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * node's {@code http.Agent}: keeps connections open per host and port for reuse. At most {@code maxSockets}
 * connections per host are busy at once (more requests wait their turn), at most {@code maxFreeSockets} idle ones are
 * kept, each for {@code freeSocketTimeout} (4 s by default, under the 5 s most servers keep an idle connection). A
 * connection goes back to the pool only after its response was fully received. Idle connections never keep the loop
 * alive. Belongs to the loop it was made on.
 */
public final class Agent {
    private static final Map<RealLoop, Agent> GLOBAL = new WeakHashMap<>();

    private final Pool pool;

    private Agent(int maxSockets, int maxFreeSockets, Duration freeSocketTimeout) {
        this.pool = new Pool(maxSockets, maxFreeSockets, freeSocketTimeout);
    }

    /** An agent with node's defaults: unlimited sockets, 256 free ones, kept 4 s. */
    public static Agent create() {
        return create(Integer.MAX_VALUE, 256, Duration.ofSeconds(4));
    }

    /** An agent with the given limits (node's {@code new http.Agent({maxSockets, maxFreeSockets, timeout})}). */
    public static Agent create(int maxSockets, int maxFreeSockets, Duration freeSocketTimeout) {
        if (maxSockets < 1 || maxFreeSockets < 0) {
            throw new IllegalArgumentException("maxSockets must be positive and maxFreeSockets not negative");
        }
        return new Agent(maxSockets, maxFreeSockets, freeSocketTimeout);
    }

    /** The current loop's shared agent, used when a request names none (node's {@code http.globalAgent}). */
    public static Agent globalAgent() {
        RealLoop loop = RealLoop.current();
        synchronized (GLOBAL) {
            return GLOBAL.computeIfAbsent(loop, l -> create());
        }
    }

    /** Connections busy with a request, over all hosts. */
    public int busySockets() {
        return pool.busyCount();
    }

    /** Idle connections kept for reuse, over all hosts. */
    public int freeSockets() {
        return pool.freeCount();
    }

    /** Requests waiting for a connection. */
    public int pendingRequests() {
        return pool.waitingCount();
    }

    /** Closes the idle connections and stops pooling (node's {@code agent.destroy()}). */
    public void destroy() {
        pool.destroy();
    }

    /** The pool behind this agent, for the client's implementation. */
    public Pool pool() {
        return pool;
    }
}
