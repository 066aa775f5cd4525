package dev.stardust.http.internal;

import dev.stardust.internal.RealLoop;
import dev.stardust.tls.TlsOptions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The connection pool of an {@link dev.stardust.http.Agent}, per host:port: busy connections up to
 * {@code maxSockets}, then a queue of waiting requests; idle connections most-recently-used first, up to
 * {@code maxFreeSockets}, each closed by its own idle timer. A {@link Lease} takes a slot for a connection that
 * leaves the pool once made (a WebSocket's, as node's agent forgets a socket on {@code upgrade}); it waits in the
 * same queue as requests. Loop thread only.
 */
public final class Pool {
    private final int maxSockets;
    private final int maxFreeSockets;
    private final Duration freeSocketTimeout;
    private final Map<String, Host> hosts = new HashMap<>();
    private boolean destroyed;

    /**
     * A pool for the calling loop. It holds no reference to the loop itself, so the loop's global agent (kept in a
     * weak map keyed by the loop) does not keep a finished loop reachable once its idle connections are closed.
     */
    public Pool(int maxSockets, int maxFreeSockets, Duration freeSocketTimeout) {
        RealLoop.current();
        this.maxSockets = maxSockets;
        this.maxFreeSockets = maxFreeSockets;
        this.freeSocketTimeout = freeSocketTimeout;
    }

    private static final class Host {
        final ArrayDeque<ClientConnection> free = new ArrayDeque<>();
        /** Requests ({@link RealClientRequest}) and {@link Lease}s, in their order of arrival. */
        final ArrayDeque<Object> waiting = new ArrayDeque<>();
        int busy;
    }

    /**
     * The key of connections to {@code hostPort} ({@code host:port}, or {@code unix:PATH}) over {@code tls} (null:
     * plain): HTTPS ones are pooled per TLS options object, so that one options object shares connections.
     */
    public static String key(@Nullable TlsOptions tls, String hostPort) {
        return (tls == null ? "" : "https@" + System.identityHashCode(tls) + "/") + hostPort;
    }

    /**
     * Takes a slot for a connection to {@code key} that leaves the pool once it is made: {@code granted} runs now
     * when fewer than {@code maxSockets} connections are busy, else in turn once one is released.
     */
    public Lease lease(String key, Runnable granted) {
        RealLoop.current();
        Host host = hosts.computeIfAbsent(key, k -> new Host());
        Lease lease = new Lease(key, granted);
        if (host.busy < maxSockets) {
            host.busy++;
            lease.grant();
        } else {
            host.waiting.add(lease);
        }
        return lease;
    }

    /** A slot taken by {@link #lease}, or a place in the queue for one. */
    public final class Lease {
        private final String key;
        private final Runnable granted;
        private boolean holds;
        private boolean ended;

        private Lease(String key, Runnable granted) {
            this.key = key;
            this.granted = granted;
        }

        private void grant() {
            holds = true;
            granted.run();
        }

        /** Gives the slot back, or stops waiting for one; a second call does nothing. */
        public void end() {
            if (ended) {
                return;
            }
            ended = true;
            Host host = hosts.get(key);
            if (host == null) {
                return;
            }
            if (holds) {
                host.busy--;
                next(key, host);
            } else {
                host.waiting.remove(this);
            }
        }
    }

    /** Finds {@code request} a connection: an idle one, a new one, or a place in the queue. */
    void acquire(RealClientRequest request, String key, boolean fresh) {
        RealLoop.current();
        Host host = hosts.computeIfAbsent(key, k -> new Host());
        if (!fresh) {
            ClientConnection c;
            while ((c = host.free.pollLast()) != null) {
                if (c.usable()) {
                    host.busy++;
                    request.attach(c);
                    return;
                }
                c.close();
            }
        }
        if (host.busy < maxSockets) {
            host.busy++;
            request.connectNew(this);
        } else {
            host.waiting.add(request);
        }
    }

    /** A connection attempt for {@code key} failed: its slot is free again. */
    void connectFailed(String key) {
        Host host = hosts.get(key);
        if (host != null) {
            host.busy--;
            next(key, host);
        }
    }

    /** The request on {@code connection} is done; keep it for reuse when {@code keepAlive}, else close it. */
    void release(ClientConnection connection, boolean keepAlive) {
        Host host = hosts.get(connection.key);
        if (host == null) {
            connection.close();
            return;
        }
        host.busy--;
        if (keepAlive && !destroyed && connection.usable()) {
            if (host.waiting.peek() instanceof RealClientRequest next) {
                host.waiting.poll();
                host.busy++;
                next.attach(connection);
                return;
            }
            if (host.free.size() < maxFreeSockets) {
                connection.idle(freeSocketTimeout);
                host.free.addLast(connection);
                // A lease first in line takes the slot (it cannot use the connection).
                next(connection.key, host);
                return;
            }
        }
        connection.idle(Duration.ZERO);
        connection.close();
        next(connection.key, host);
    }

    /** A closed connection leaves the free list. */
    void removed(ClientConnection connection) {
        Host host = hosts.get(connection.key);
        if (host != null) {
            host.free.remove(connection);
        }
    }

    private void next(String key, Host host) {
        Object next;
        while (host.busy < maxSockets && (next = host.waiting.poll()) != null) {
            host.busy++;
            if (next instanceof RealClientRequest request) {
                request.connectNew(this);
            } else {
                ((Lease) next).grant();
            }
        }
        if (host.busy == 0 && host.free.isEmpty() && host.waiting.isEmpty()) {
            hosts.remove(key);
        }
    }

    /** Removes a request still waiting for a connection (it was destroyed). */
    void cancel(RealClientRequest request, String key) {
        Host host = hosts.get(key);
        if (host != null) {
            host.waiting.remove(request);
        }
    }

    public int busyCount() {
        return hosts.values().stream().mapToInt(h -> h.busy).sum();
    }

    public int freeCount() {
        return hosts.values().stream().mapToInt(h -> h.free.size()).sum();
    }

    public int waitingCount() {
        return hosts.values().stream().mapToInt(h -> h.waiting.size()).sum();
    }

    public void destroy() {
        RealLoop.current();
        destroyed = true;
        for (Host host : new ArrayList<>(hosts.values())) {
            for (ClientConnection c : new ArrayList<>(host.free)) {
                c.close();
            }
            host.free.clear();
        }
    }
}
