package dev.stardust.fs;

import dev.stardust.EventEmitter;
import dev.stardust.Handle;
import dev.stardust.Promise;
import java.util.function.Consumer;

/**
 * node's {@code fs.FSWatcher}, from {@link Fs#watch}: emits {@code change} with an {@link FsEvent} for every
 * entry created, deleted or modified in a directory, {@code error} when watching fails, and {@code close} once
 * closed. Events arrive on the loop thread. Keeps the loop alive until {@link #close()} unless unref'd.
 */
public abstract class FsWatcher extends EventEmitter implements Handle {

    /** For the implementation. */
    protected FsWatcher() {
    }

    /**
     * Stops watching and emits {@code close} (node's {@code watcher.close()}); the promise resolves after it. Calling
     * again returns the same promise.
     */
    public abstract Promise<Void> close();

    @Override
    public abstract FsWatcher ref();

    @Override
    public abstract FsWatcher unref();

    /** Adds a listener for {@code change}, one per entry created, deleted or modified (node's {@code 'change'}). */
    public FsWatcher onChange(Consumer<? super FsEvent> listener) {
        on("change", listener);
        return this;
    }

    /** Adds a listener for {@code error}: watching failed, e.g. the directory was deleted (node's {@code 'error'}). */
    public FsWatcher onError(Consumer<? super Throwable> listener) {
        on("error", listener);
        return this;
    }

    /** Adds a listener for {@code close}, emitted once after {@link #close()} (node's {@code 'close'}). */
    public FsWatcher onClose(Runnable listener) {
        onNoValue("close", listener, false);
        return this;
    }
}
