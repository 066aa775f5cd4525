package dev.stardust.internal;

/**
 * The loop handle of one resource, such as a socket: its owner calls {@link #open()} once the resource keeps the
 * loop alive and {@link #close()} once it is released; if the loop shuts down with the resource still open,
 * {@code forceClose} runs (a socket destroys itself). It reports itself as its owner does, so a handle left open
 * is named by what it is.
 */
public final class ResourceHandle extends LoopHandle {
    private final Object owner;
    private final Runnable forceClose;

    /** The handle of {@code owner} on {@code loop}; {@code forceClose} releases the resource when the loop must. */
    public ResourceHandle(RealLoop loop, Object owner, Runnable forceClose) {
        super(loop);
        this.owner = owner;
        this.forceClose = forceClose;
    }

    /** The resource is open: the handle registers with the loop and, if referenced, keeps it alive. */
    public void open() {
        opened();
    }

    /** The resource is released: the handle no longer keeps the loop alive. Idempotent. */
    public void close() {
        closed();
    }

    @Override
    protected void forceClose() {
        forceClose.run();
    }

    @Override
    public String toString() {
        return owner.toString();
    }
}
