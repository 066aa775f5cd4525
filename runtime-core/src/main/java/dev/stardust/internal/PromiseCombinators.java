package dev.stardust.internal;

import dev.stardust.Promise;
import dev.stardust.StardustException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * JavaScript's promise combinators over {@link LoopPromise}s of the current loop. Each attaches one callback to every
 * input, which also marks the inputs' failures handled: the combined promise reports them, as in JavaScript.
 */
public final class PromiseCombinators {
    private PromiseCombinators() {
    }

    /** {@code Promise.all}: every value in order, or the first failure. */
    public static <T extends @Nullable Object> Promise<List<T>> all(List<? extends Promise<? extends T>> promises) {
        LoopPromise<List<T>> combined = new LoopPromise<>(RealLoop.current());
        Object[] values = new Object[promises.size()];
        int[] left = {promises.size()};
        if (left[0] == 0) {
            combined.resolve(List.of());
        }
        for (int i = 0; i < promises.size(); i++) {
            int index = i;
            promises.get(i).onComplete((v, e) -> {
                if (e != null) {
                    combined.reject(e);
                } else {
                    values[index] = v;
                    if (--left[0] == 0) {
                        combined.resolve(listOf(values));
                    }
                }
            });
        }
        return combined;
    }

    /** {@code Promise.allSettled}: every outcome in order, once all are complete; never fails. */
    public static <T extends @Nullable Object> Promise<List<Promise.Settled<T>>> allSettled(
            List<? extends Promise<? extends T>> promises) {
        LoopPromise<List<Promise.Settled<T>>> combined = new LoopPromise<>(RealLoop.current());
        Object[] outcomes = new Object[promises.size()];
        int[] left = {promises.size()};
        if (left[0] == 0) {
            combined.resolve(List.of());
        }
        for (int i = 0; i < promises.size(); i++) {
            int index = i;
            promises.get(i).onComplete((v, e) -> {
                outcomes[index] = new Promise.Settled<T>(e == null, e == null ? v : null, e);
                if (--left[0] == 0) {
                    combined.resolve(listOf(outcomes));
                }
            });
        }
        return combined;
    }

    /** {@code Promise.any}: the first value, or {@code ERR_ALL_PROMISES_REJECTED} carrying every failure. */
    public static <T extends @Nullable Object> Promise<T> any(List<? extends Promise<? extends T>> promises) {
        LoopPromise<T> combined = new LoopPromise<>(RealLoop.current());
        Throwable[] errors = new Throwable[promises.size()];
        int[] left = {promises.size()};
        if (left[0] == 0) {
            combined.reject(allRejected(errors));
        }
        for (int i = 0; i < promises.size(); i++) {
            int index = i;
            promises.get(i).onComplete((v, e) -> {
                if (e == null) {
                    combined.resolve(v);
                } else {
                    errors[index] = e;
                    if (--left[0] == 0) {
                        combined.reject(allRejected(errors));
                    }
                }
            });
        }
        return combined;
    }

    /** {@code Promise.race}: the outcome of whichever completes first; never completes for an empty list. */
    public static <T extends @Nullable Object> Promise<T> race(List<? extends Promise<? extends T>> promises) {
        LoopPromise<T> combined = new LoopPromise<>(RealLoop.current());
        for (Promise<? extends T> p : promises) {
            p.onComplete((v, e) -> {
                if (e != null) {
                    combined.reject(e);
                } else {
                    combined.resolve(v);
                }
            });
        }
        return combined;
    }

    /** A promise on the current loop completed with {@code future}'s outcome; keeps the loop alive until then. */
    public static <T extends @Nullable Object> Promise<T> from(CompletableFuture<T> future) {
        RealLoop loop = RealLoop.current();
        LoopPromise<T> promise = new LoopPromise<>(loop);
        loop.addRef();
        future.whenComplete((v, e) -> loop.executeInternal(() -> {
            loop.removeRef();
            if (e != null) {
                promise.reject(unwrap(e));
            } else {
                promise.resolve(v);
            }
        }));
        return promise;
    }

    private static Throwable unwrap(Throwable e) {
        return (e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null
                ? e.getCause() : e;
    }

    private static StardustException allRejected(Throwable[] errors) {
        StardustException all = new StardustException("ERR_ALL_PROMISES_REJECTED",
                "all " + errors.length + " promises were rejected");
        Arrays.stream(errors).forEach(all::addSuppressed);
        return all;
    }

    @SuppressWarnings("unchecked")
    private static <T extends @Nullable Object> List<T> listOf(Object[] values) {
        // Not List.of: values may be null.
        return (List<T>) Collections.unmodifiableList(new ArrayList<>(Arrays.asList(values)));
    }
}
