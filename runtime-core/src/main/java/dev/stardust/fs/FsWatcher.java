package dev.stardust.fs;

import dev.stardust.EventEmitter;
import dev.stardust.Handle;

/**
 * node's {@code fs.FSWatcher}, from {@link Fs#watch}: emits {@code change} with an {@link FsEvent} for every
 * entry created, deleted or modified in a directory, {@code error} when watching fails, and {@code close} once
 * closed. Events arrive on the loop thread. Keeps the loop alive until {@link #close()} unless unref'd.
 */
public abstract class FsWatcher extends EventEmitter implements Handle {

    /** For the implementation. */
    protected FsWatcher() {
    }

    /** Stops watching and emits {@code close} (node's {@code watcher.close()}). Idempotent. */
    public abstract void close();

    @Override
    public abstract FsWatcher ref();

    @Override
    public abstract FsWatcher unref();
}
