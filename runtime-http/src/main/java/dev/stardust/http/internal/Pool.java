package dev.stardust.http.internal;

import dev.stardust.internal.RealLoop;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * The connection pool of an {@link dev.stardust.http.Agent}, per host:port: busy connections up to
 * {@code maxSockets}, then a queue of waiting requests; idle connections most-recently-used first, up to
 * {@code maxFreeSockets}, each closed by its own idle timer. Loop thread only.
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
        final ArrayDeque<RealClientRequest> waiting = new ArrayDeque<>();
        int busy;
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
            RealClientRequest next = host.waiting.poll();
            if (next != null) {
                host.busy++;
                next.attach(connection);
                return;
            }
            if (host.free.size() < maxFreeSockets) {
                connection.idle(freeSocketTimeout);
                host.free.addLast(connection);
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
        RealClientRequest next;
        while (host.busy < maxSockets && (next = host.waiting.poll()) != null) {
            host.busy++;
            next.connectNew(this);
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
