package dev.stardust.internal;

import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The loop-bound {@link Promise}. Its state is touched only on the loop thread: a completion from another thread
 * hops onto the loop first. Callbacks run from the loop's tick queue, never inside the code that completes or
 * registers them, so they always see a consistent world and fire exactly once.
 */
public final class LoopPromise<T extends @Nullable Object> implements Promise<T> {
    private final RealLoop loop;
    private boolean done;
    private @Nullable T value;
    private @Nullable Throwable error;
    private boolean handled;
    private @Nullable List<BiConsumer<? super @Nullable T, ? super @Nullable Throwable>> callbacks;

    public LoopPromise(RealLoop loop) {
        this.loop = loop;
    }

    /** Succeeds with {@code value} unless already complete; returns whether this call completed it. Any thread. */
    public boolean resolve(@Nullable T value) {
        if (!loop.inLoopThread()) {
            loop.executeInternal(() -> resolve(value));
            return true;
        }
        if (done) {
            return false;
        }
        done = true;
        this.value = value;
        dispatch();
        return true;
    }

    /** A promise on {@code loop} that has already succeeded with no value: what a close that completes at once returns. */
    public static LoopPromise<Void> resolved(RealLoop loop) {
        LoopPromise<Void> promise = new LoopPromise<>(loop);
        promise.resolve(null);
        return promise;
    }

    /** Fails with {@code error} unless already complete; returns whether this call completed it. Any thread. */
    public boolean reject(Throwable error) {
        if (!loop.inLoopThread()) {
            loop.executeInternal(() -> reject(error));
            return true;
        }
        if (done) {
            return false;
        }
        done = true;
        this.error = error;
        if (!handled) {
            loop.callbacks.trackRejection(this);
        }
        dispatch();
        return true;
    }

    /** Marks a failure as reported elsewhere (e.g. also emitted as an {@code error} event). */
    public LoopPromise<T> markHandled() {
        handled = true;
        return this;
    }

    boolean isUnhandledFailure() {
        return done && error != null && !handled;
    }

    @Nullable Throwable error() {
        return error;
    }

    private void dispatch() {
        List<BiConsumer<? super @Nullable T, ? super @Nullable Throwable>> list = callbacks;
        if (list != null) {
            callbacks = null;
            loop.callbacks.nextTick(() -> {
                for (BiConsumer<? super @Nullable T, ? super @Nullable Throwable> cb : list) {
                    loop.runGuarded(() -> cb.accept(value, error));
                }
            });
        }
    }

    @Override
    public Promise<T> onComplete(BiConsumer<? super @Nullable T, ? super @Nullable Throwable> callback) {
        loop.checkThread();
        handled = true;
        if (done) {
            loop.callbacks.nextTick(() -> callback.accept(value, error));
        } else {
            if (callbacks == null) {
                callbacks = new ArrayList<>(2);
            }
            callbacks.add(callback);
        }
        return this;
    }

    @Override
    public Promise<T> onSuccess(Consumer<? super T> callback) {
        boolean wasHandled = handled;
        onComplete((v, e) -> {
            if (e == null) {
                callback.accept(castValue(v));
            }
        });
        handled = wasHandled;
        return this;
    }

    @Override
    public Promise<T> onFailure(Consumer<? super Throwable> callback) {
        return onComplete((v, e) -> {
            if (e != null) {
                callback.accept(e);
            }
        });
    }

    @Override
    public <R extends @Nullable Object> Promise<R> map(Function<? super T, ? extends R> mapper) {
        LoopPromise<R> next = new LoopPromise<>(loop);
        onComplete((v, e) -> {
            if (e != null) {
                next.reject(e);
                return;
            }
            R mapped;
            try {
                mapped = mapper.apply(castValue(v));
            } catch (RuntimeException | Error failure) {
                next.reject(failure);
                return;
            }
            next.resolve(mapped);
        });
        return next;
    }

    @Override
    public <R extends @Nullable Object> Promise<R> flatMap(Function<? super T, Promise<R>> mapper) {
        LoopPromise<R> next = new LoopPromise<>(loop);
        onComplete((v, e) -> {
            if (e != null) {
                next.reject(e);
                return;
            }
            try {
                mapper.apply(castValue(v)).onComplete((r, e2) -> {
                    if (e2 != null) {
                        next.reject(e2);
                    } else {
                        next.resolve(r);
                    }
                });
            } catch (RuntimeException | Error failure) {
                next.reject(failure);
            }
        });
        return next;
    }

    @Override
    public Promise<T> timeout(long ms) {
        loop.checkThread();
        if (ms < 0) {
            throw new StardustException("ERR_OUT_OF_RANGE", "timeout must not be negative, got " + ms);
        }
        LoopPromise<T> next = new LoopPromise<>(loop);
        Timer timer = loop.setTimer(() -> next.reject(new StardustException("ETIMEDOUT",
                "the operation did not complete within " + ms + " ms")), ms, false);
        onComplete((v, e) -> {
            timer.close();
            if (e != null) {
                next.reject(e);
            } else {
                next.resolve(v);
            }
        });
        return next;
    }

    @Override
    public boolean isDone() {
        return done;
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> future = new CompletableFuture<>();
        Runnable attach = () -> onComplete((v, e) -> {
            if (e != null) {
                future.completeExceptionally(e);
            } else {
                future.complete(castValue(v));
            }
        });
        if (loop.inLoopThread()) {
            attach.run();
        } else {
            loop.executeInternal(attach);
        }
        return future;
    }

    @SuppressWarnings("unchecked")
    private static <T extends @Nullable Object> T castValue(@Nullable Object v) {
        return (T) v;
    }

    @Override
    public String toString() {
        return "Promise[" + (!done ? "pending" : error != null ? "failed: " + error : "value: " + value) + "]";
    }
}
