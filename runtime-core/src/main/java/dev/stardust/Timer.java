package dev.stardust;

/**
 * A pending {@link Timers#setTimeout timeout} or {@link Timers#setInterval interval} (node's {@code Timeout}).
 * While active and referenced it keeps its loop alive. Loop thread only.
 */
public interface Timer extends Handle {

    /**
     * Cancels the timer (node's {@code clearTimeout(t)}); a no-op when it already fired or was cancelled. The
     * promise is already resolved: cancelling completes at once.
     */
    Promise<Void> close();

    /** Restarts the timer's countdown from now with its original delay, reviving it if it already fired. */
    Timer refresh();

    /** Whether the timer will still fire. */
    boolean isActive();

    @Override
    Timer ref();

    @Override
    Timer unref();
}
