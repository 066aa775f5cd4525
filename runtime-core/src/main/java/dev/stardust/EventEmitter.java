package dev.stardust;

import dev.stardust.internal.RealLoop;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * node's {@code EventEmitter}: named events, each carrying at most one value, delivered synchronously to the
 * listeners in the order they were added. Stardust's servers, sockets and streams are emitters.
 *
 * <p>Failures never vanish: an {@code error} event with no listener goes to the loop's uncaught-exception
 * handler, and a listener that throws goes there too while the remaining listeners still run. An emitter made on
 * a loop thread belongs to that loop: emitting from another thread fails at once. An emitter made elsewhere works
 * standalone and rethrows instead.
 *
 * <p>Every listener is a {@code Consumer} of the event's value, so method references compile
 * ({@code emitter.on("data", System.out::println)}) and a listener that needs no value ignores it
 * ({@code on("end", v -> ...)}). The value's type is the caller's to state: {@code (String name) -> ...} or
 * {@code emitter.<String>on(...)}. Stardust's own emitters add typed helpers for their common events
 * ({@code onData}, {@code onEnd}, {@code onError}, {@code onClose}, ...), which take a {@code Runnable} where the
 * event carries no value.
 */
public class EventEmitter {
    /** The listener count per event above which a possible leak is reported once, as node's default of 10. */
    public static final int DEFAULT_MAX_LISTENERS = 10;

    private static final Listener[] NONE = new Listener[0];

    private final @Nullable RealLoop loop = RealLoop.currentOrNull();
    private @Nullable Map<String, Listener[]> listeners;
    private @Nullable Set<String> warned;
    private int maxListeners = DEFAULT_MAX_LISTENERS;

    /** Creates an emitter, bound to the current loop when made on a loop thread. */
    public EventEmitter() {
    }

    /** Adds {@code listener} for {@code event}; it receives the event's value (node's {@code on}). */
    public <T> EventEmitter on(String event, Consumer<? super T> listener) {
        return add(event, listener, asConsumer(listener), false, false);
    }

    /** Adds a listener removed before its first call (node's {@code once}). */
    public <T> EventEmitter once(String event, Consumer<? super T> listener) {
        return add(event, listener, asConsumer(listener), true, false);
    }

    /** Adds {@code listener} before all others for {@code event} (node's {@code prependListener}). */
    public <T> EventEmitter prependListener(String event, Consumer<? super T> listener) {
        return add(event, listener, asConsumer(listener), false, true);
    }

    /**
     * Adds {@code listener} for an event that carries no value, such as {@code end} or {@code close}: what the typed
     * helpers ({@code onEnd}, {@code onClose}, ...) of subclasses are made of. {@link #off} removes it by identity.
     */
    protected final void onNoValue(String event, Runnable listener, boolean once) {
        add(event, listener, ignoringValue(listener), once, false);
    }

    /**
     * Called after a listener for {@code event} was added by any of {@code on}, {@code once} or
     * {@code prependListener} (node's {@code newListener}, for subclasses): a readable starts flowing on its first
     * {@code data} listener, the process installs a signal handler.
     */
    protected void listenerAdded(String event) {
    }

    /**
     * Removes the most recently added registration of {@code listener} (a {@code Consumer} given to {@code on},
     * {@code once} or {@code prependListener}, or a {@code Runnable} given to a typed helper such as {@code onEnd})
     * for {@code event} (node's {@code off}).
     */
    public EventEmitter off(String event, Object listener) {
        checkThread();
        Listener[] current = listenersOf(event);
        for (int i = current.length - 1; i >= 0; i--) {
            if (current[i].original == listener) {
                remove(event, current[i]);
                break;
            }
        }
        return this;
    }

    /** Removes every listener for {@code event} (node's {@code removeAllListeners(event)}). */
    public EventEmitter removeAllListeners(String event) {
        checkThread();
        if (listeners != null) {
            listeners.remove(event);
        }
        return this;
    }

    /** Removes every listener for every event (node's {@code removeAllListeners()}). */
    public EventEmitter removeAllListeners() {
        checkThread();
        listeners = null;
        return this;
    }

    /** Emits an event without a value; returns whether any listener heard it (node's {@code emit}). */
    public boolean emit(String event) {
        return emit(event, null);
    }

    /**
     * Calls each listener of {@code event} with {@code value}, in order; returns whether there was any
     * (node's {@code emit}). An unheard {@code error} event goes to the uncaught-exception handler.
     */
    public boolean emit(String event, @Nullable Object value) {
        checkThread();
        Listener[] current = listenersOf(event);
        if (current.length == 0) {
            if ("error".equals(event)) {
                unhandledError(value);
            }
            return false;
        }
        RealLoop l = loop;
        boolean top = l != null && l.enter();
        RuntimeException standaloneFailure = null;
        try {
            for (Listener listener : current) {
                if (listener.once) {
                    if (listener.removed) {
                        continue;
                    }
                    remove(event, listener);
                }
                try {
                    listener.function.accept(value);
                } catch (RuntimeException | Error e) {
                    if (l != null) {
                        l.reportUncaught(e);
                    } else if (standaloneFailure == null) {
                        standaloneFailure = e instanceof RuntimeException re ? re : new RuntimeException(e);
                    }
                }
            }
        } finally {
            if (l != null) {
                l.leave(top);
            }
        }
        if (standaloneFailure != null) {
            throw standaloneFailure;
        }
        return true;
    }

    /** How many listeners {@code event} has (node's {@code listenerCount}). */
    public int listenerCount(String event) {
        return listenersOf(event).length;
    }

    /** The events that have listeners, in the order they were first added (node's {@code eventNames}). */
    public Set<String> eventNames() {
        if (listeners == null) {
            return Set.of();
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(listeners.keySet()));
    }

    /** Sets the per-event listener count above which a possible leak is reported; 0 means no limit. */
    public EventEmitter setMaxListeners(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("maxListeners must not be negative, got " + max);
        }
        this.maxListeners = max;
        return this;
    }

    /** The per-event listener count above which a possible leak is reported (node's {@code getMaxListeners}). */
    public int maxListeners() {
        return maxListeners;
    }

    private EventEmitter add(String event, Object original, Consumer<Object> function, boolean once,
            boolean prepend) {
        checkThread();
        Map<String, Listener[]> map = listeners;
        if (map == null) {
            map = new HashMap<>(4);
            listeners = map;
        }
        Listener[] current = map.getOrDefault(event, NONE);
        Listener[] next = new Listener[current.length + 1];
        Listener listener = new Listener(original, function, once);
        if (prepend) {
            next[0] = listener;
            System.arraycopy(current, 0, next, 1, current.length);
        } else {
            System.arraycopy(current, 0, next, 0, current.length);
            next[current.length] = listener;
        }
        map.put(event, next);
        if (maxListeners > 0 && next.length > maxListeners) {
            warnPossibleLeak(event, next.length);
        }
        listenerAdded(event);
        return this;
    }

    private void remove(String event, Listener listener) {
        listener.removed = true;
        Map<String, Listener[]> map = listeners;
        if (map == null) {
            return;
        }
        Listener[] current = map.getOrDefault(event, NONE);
        for (int i = 0; i < current.length; i++) {
            if (current[i] == listener) {
                if (current.length == 1) {
                    map.remove(event);
                } else {
                    Listener[] next = Arrays.copyOf(current, current.length - 1);
                    System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                    map.put(event, next);
                }
                return;
            }
        }
    }

    private Listener[] listenersOf(String event) {
        Map<String, Listener[]> map = listeners;
        return map == null ? NONE : map.getOrDefault(event, NONE);
    }

    private void warnPossibleLeak(String event, int count) {
        if (warned == null) {
            warned = new LinkedHashSet<>();
        }
        if (warned.add(event)) {
            System.err.println("Warning: possible listener leak on " + getClass().getSimpleName() + ": " + count
                    + " listeners for '" + event + "' exceed the limit of " + maxListeners
                    + "; raise it with setMaxListeners() if this is intended");
        }
    }

    private void unhandledError(@Nullable Object value) {
        Throwable error = value instanceof Throwable t ? t
                : new StardustException("ERR_UNHANDLED_ERROR", "unhandled 'error' event (" + value + ")");
        if (loop != null) {
            loop.reportUncaught(error);
        } else if (error instanceof RuntimeException re) {
            throw re;
        } else {
            throw new StardustException("ERR_UNHANDLED_ERROR", "unhandled 'error' event: " + error, error);
        }
    }

    private void checkThread() {
        if (loop != null) {
            loop.checkThread();
        }
    }

    @SuppressWarnings("unchecked")
    private static Consumer<Object> asConsumer(Consumer<?> listener) {
        return (Consumer<Object>) listener;
    }

    private static Consumer<Object> ignoringValue(Runnable listener) {
        return value -> listener.run();
    }

    private static final class Listener {
        final Object original;
        final Consumer<Object> function;
        final boolean once;
        boolean removed;

        Listener(Object original, Consumer<Object> function, boolean once) {
            this.original = original;
            this.function = function;
            this.once = once;
        }
    }
}
