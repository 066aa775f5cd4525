package dev.stardust;

import dev.stardust.internal.RealLoop;
import dev.stardust.internal.LoopPromise;
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
