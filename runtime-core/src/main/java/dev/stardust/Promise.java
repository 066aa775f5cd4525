package dev.stardust;

import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.PromiseCombinators;
import dev.stardust.internal.RealLoop;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The result of a one-shot operation (listen, connect, close, lookup, work on the worker pool), bound to the loop
 * that started it. Every callback runs on that loop's thread, after the code that registered it has returned, and
 * exactly once, as with JavaScript promises. Host code on other threads uses {@link #toCompletableFuture()}.
 *
 * <p>A promise that fails with no failure callback attached by the end of the current loop turn is reported to
 * the loop's uncaught-exception handler, as node reports an unhandled rejection: errors are never silently lost.
 *
 * @param <T> the value the operation produces; {@code Void} (completed with {@code null}) for none
 */
public interface Promise<T extends @Nullable Object> {

    /**
     * Creates a promise on the current loop and hands its completion functions to {@code executor}, as
     * {@code new Promise((resolve, reject) => ...)} does in JavaScript. Only the first completion counts.
     */
    static <T extends @Nullable Object> Promise<T> create(BiConsumer<Consumer<T>, Consumer<Throwable>> executor) {
        LoopPromise<T> promise = new LoopPromise<>(RealLoop.current());
        try {
            executor.accept(promise::resolve, promise::reject);
        } catch (RuntimeException | Error e) {
            promise.reject(e);
        }
        return promise;
    }

    /** A promise on the current loop that has already succeeded (JavaScript's {@code Promise.resolve(v)}). */
    static <T extends @Nullable Object> Promise<T> resolved(T value) {
        LoopPromise<T> promise = new LoopPromise<>(RealLoop.current());
        promise.resolve(value);
        return promise;
    }

    /** A promise on the current loop that has already failed (JavaScript's {@code Promise.reject(e)}). */
    static <T extends @Nullable Object> Promise<T> rejected(Throwable error) {
        LoopPromise<T> promise = new LoopPromise<>(RealLoop.current());
        promise.reject(error);
        return promise;
    }

    /**
     * A promise of every value, in the order given, or of the first failure (JavaScript's {@code Promise.all}).
     * Loop thread only, as every combinator.
     */
    static <T extends @Nullable Object> Promise<List<T>> all(List<? extends Promise<? extends T>> promises) {
        return PromiseCombinators.all(promises);
    }

    /** A promise of every outcome, in order, once all are complete; it never fails (JavaScript's {@code allSettled}). */
    static <T extends @Nullable Object> Promise<List<Settled<T>>> allSettled(
            List<? extends Promise<? extends T>> promises) {
        return PromiseCombinators.allSettled(promises);
    }

    /**
     * A promise of the first value, or, once all failed, of {@code ERR_ALL_PROMISES_REJECTED} with every failure
     * suppressed in it (JavaScript's {@code Promise.any}, whose error is an {@code AggregateError}).
     */
    static <T extends @Nullable Object> Promise<T> any(List<? extends Promise<? extends T>> promises) {
        return PromiseCombinators.any(promises);
    }

    /** A promise of the outcome of whichever completes first (JavaScript's {@code Promise.race}). */
    static <T extends @Nullable Object> Promise<T> race(List<? extends Promise<? extends T>> promises) {
        return PromiseCombinators.race(promises);
    }

    /**
     * A promise on the current loop completed, on the loop thread, with {@code future}'s outcome; the loop stays alive
     * until then. How work done elsewhere (a JDBC pool, an SDK's async client) comes back to the loop.
     */
    static <T extends @Nullable Object> Promise<T> from(CompletableFuture<T> future) {
        return PromiseCombinators.from(future);
    }

    /**
     * The outcome of one promise in {@link #allSettled}: a value when {@code fulfilled}, else the {@code reason}
     * it failed with (JavaScript's {@code {status, value}} and {@code {status, reason}}).
     *
     * @param fulfilled whether the promise succeeded
     * @param value its value when it succeeded
     * @param reason its error when it failed
     * @param <T> the value type
     */
    record Settled<T extends @Nullable Object>(boolean fulfilled, @Nullable T value, @Nullable Throwable reason) {
    }

    /**
     * A promise of this one's outcome, or of {@code ETIMEDOUT} when it has not completed within {@code ms}
     * milliseconds (node: {@code AbortSignal.timeout}). The operation itself is not cancelled.
     */
    Promise<T> timeout(long ms);

    /** Calls {@code callback} with the value or the error once the operation completes. Returns this promise. */
    Promise<T> onComplete(BiConsumer<? super @Nullable T, ? super @Nullable Throwable> callback);

    /** Calls {@code callback} with the value if the operation succeeds. Returns this promise. */
    Promise<T> onSuccess(Consumer<? super T> callback);

    /** Calls {@code callback} with the error if the operation fails, which marks the failure handled. */
    Promise<T> onFailure(Consumer<? super Throwable> callback);

    /** A promise of {@code mapper} applied to this one's value (JavaScript's {@code then(v => ...)}). */
    <R extends @Nullable Object> Promise<R> map(Function<? super T, ? extends R> mapper);

    /** A promise of the promise {@code mapper} returns for this one's value (a {@code then} returning a promise). */
    <R extends @Nullable Object> Promise<R> flatMap(Function<? super T, Promise<R>> mapper);

    /** Whether the operation has completed, successfully or not. */
    boolean isDone();

    /**
     * A {@link CompletableFuture} completed with the same outcome, for code outside the loop. Its dependent
     * stages run on whichever thread completes them; never block the loop thread on it.
     */
    CompletableFuture<T> toCompletableFuture();
}
