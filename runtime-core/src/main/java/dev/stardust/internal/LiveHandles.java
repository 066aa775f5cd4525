package dev.stardust.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What keeps the loop alive on its own account: the count of referenced handles (I/O handles, timers, immediates,
 * blocking work in flight), the open I/O handles that closing the loop must close, and the keep-alive of a loop
 * started in the background, which lasts until it is closed. Loop thread only.
 */
final class LiveHandles {
    private final Set<LoopHandle> open = new LinkedHashSet<>();
    private int refs;
    private boolean keepAlive;

    LiveHandles(boolean keepAlive) {
        this.keepAlive = keepAlive;
    }

    void addRef() {
        refs++;
    }

    void removeRef() {
        refs--;
    }

    void register(LoopHandle handle) {
        open.add(handle);
    }

    void unregister(LoopHandle handle) {
        open.remove(handle);
    }

    /** Whether a referenced handle or the background keep-alive holds the loop. */
    boolean holdLoop() {
        return refs > 0 || keepAlive;
    }

    /** Ends the background keep-alive: the loop is closing. */
    void dropKeepAlive() {
        keepAlive = false;
    }

    /** The open I/O handles, copied: closing one unregisters it. */
    List<LoopHandle> openHandles() {
        return new ArrayList<>(open);
    }

    /** The start of {@link RealLoop#describeAliveHandles()}. */
    String describe() {
        return "refs=" + refs + ", handles=" + open;
    }

    boolean keepAlive() {
        return keepAlive;
    }
}
