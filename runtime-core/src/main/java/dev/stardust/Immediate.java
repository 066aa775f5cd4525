package dev.stardust;

/**
 * A callback queued by {@link Timers#setImmediate}: it runs after the I/O callbacks of the current loop turn
 * (node's {@code Immediate}). Loop thread only.
 */
public interface Immediate extends Handle {

    /** Cancels it if it has not run yet (node's {@code clearImmediate(i)}); the promise is already resolved. */
    Promise<Void> close();

    @Override
    Immediate ref();

    @Override
    Immediate unref();
}
