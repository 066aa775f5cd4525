package dev.stardust.internal;

import dev.stardust.Handle;

/**
 * The base of every I/O handle (servers, sockets, requests in flight): keeps the loop's count of referenced
 * handles right, and lets the loop find and close whatever is still open when it shuts down.
 * Subclasses call {@link #opened()} once and {@link #closed()} once.
 */
public abstract class LoopHandle implements Handle {
    protected final RealLoop loop;
    private boolean ref = true;
    private boolean open;

    protected LoopHandle(RealLoop loop) {
        this.loop = loop;
    }

    /** Registers the handle with the loop; it keeps the loop alive from now on if referenced. */
    protected final void opened() {
        if (!open) {
            open = true;
            loop.handles.register(this);
            if (ref) {
                loop.addRef();
            }
        }
    }

    /** Unregisters the handle; it no longer keeps the loop alive. Idempotent. */
    protected final void closed() {
        if (open) {
            open = false;
            loop.handles.unregister(this);
            if (ref) {
                loop.removeRef();
            }
        }
    }

    /** Whether {@link #opened()} was called and {@link #closed()} was not. */
    protected final boolean isOpen() {
        return open;
    }

    /** Called when the loop closes gracefully: stop taking new work (a server stops accepting). */
    protected void closeGracefully() {
    }

    /** Called when the loop's close deadline passes: release everything now. */
    protected abstract void forceClose();

    @Override
    public Handle ref() {
        loop.checkThread();
        if (!ref) {
            ref = true;
            if (open) {
                loop.addRef();
            }
        }
        return this;
    }

    @Override
    public Handle unref() {
        loop.checkThread();
        if (ref) {
            ref = false;
            if (open) {
                loop.removeRef();
            }
        }
        return this;
    }

    @Override
    public boolean hasRef() {
        return ref;
    }
}
