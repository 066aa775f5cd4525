package dev.stardust.internal;

import dev.stardust.Immediate;
import dev.stardust.Loop;
import dev.stardust.LoopOptions;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.Timer;
import io.netty.channel.IoEventLoop;
import io.netty.channel.ManualIoEventLoop;
import io.netty.resolver.AddressResolverGroup;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The loop: one thread driving a Netty {@link ManualIoEventLoop} and node's phases around it. Each turn runs
 * the due timers, then polls for I/O (blocking until the next timer when nothing else is pending) and runs the
 * tasks handed in from other threads, then runs the immediates queued before the turn's check phase. The
 * nextTick queue drains after every top-level callback. The loop ends when no referenced handle is left.
 *
 * <p>All mutable state is confined to the loop thread except {@link #execute}, the blocked-loop stamps and the
 * run state. Internal modules enter user code through {@link #invoke} or {@link #enter}/{@link #exit}, which
 * route exceptions to the uncaught handler and drain the tick queue.
 */
public final class RealLoop implements Loop {
    static {
        // Before this class's first loop touches Netty, whose static initialisers read these properties.
        NettyDefaults.apply();
    }

    private static final ThreadLocal<RealLoop> CURRENT = new ThreadLocal<>();
    private static final AtomicInteger LOOP_IDS = new AtomicInteger();
    private static final int RUNNING = 0;
    private static final int CLOSING = 1;
    private static final int TERMINATED = 2;

    private final LoopOptions options;
    private final String name;
    private final Transport transport;
    private final ManualIoEventLoop io;
    private final Thread thread;
    final long blockedThresholdNanos;
    volatile long callbackStartedNanos;
    volatile long lastBlockedReport;
    private volatile Consumer<Throwable> uncaughtHandler;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final AtomicInteger pendingTasks = new AtomicInteger();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();

    private final TimerQueue timers = new TimerQueue();
    private ArrayDeque<RealImmediate> immediates = new ArrayDeque<>();
    private ArrayDeque<RealImmediate> runningImmediates = new ArrayDeque<>();
    private final ArrayDeque<Runnable> ticks = new ArrayDeque<>();
    private final List<LoopPromise<?>> rejections = new ArrayList<>();
    private final Set<LoopHandle> handles = new LinkedHashSet<>();
    private int refs;
    private int depth;
    private boolean keepAlive;
    private boolean closing;
    private boolean forced;
    private @Nullable WorkerPool workers;
    private @Nullable ResolvedAddressGroup resolvers;
    private final List<Runnable> beforeExitHooks = new ArrayList<>();
    private final List<Runnable> exitHooks = new ArrayList<>();

    private RealLoop(LoopOptions options, Thread thread, boolean background) {
        this.options = options;
        this.name = options.name().equals(LoopOptions.defaults().name())
                ? options.name() + "-" + LOOP_IDS.incrementAndGet() : options.name();
        this.transport = Transport.select(options.transport());
        this.thread = thread;
        this.io = new ManualIoEventLoop(thread, transport.ioHandlerFactory());
        this.blockedThresholdNanos = options.blockedThreshold().toNanos();
        this.uncaughtHandler = options.uncaughtExceptionHandler();
        this.keepAlive = background;
    }

    // ---- creation and lookup -------------------------------------------------------------------------------

    /** Runs a loop on the calling thread until it is empty; see {@link Loop#run(Runnable)}. */
    public static void runOnCallingThread(LoopOptions options, Runnable main) {
        RealLoop existing = CURRENT.get();
        if (existing != null) {
            throw new IllegalStateException("Loop.run called on thread '" + Thread.currentThread().getName()
                    + "', which already drives loop '" + existing.name + "'");
        }
        new RealLoop(options, Thread.currentThread(), false).drive(main);
    }

    /** Starts a loop on a new thread that runs until closed; see {@link Loop#start()}. */
    public static RealLoop startInBackground(LoopOptions options) {
        RealLoop[] holder = new RealLoop[1];
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            ready.join();
            holder[0].drive(null);
        });
        RealLoop loop = new RealLoop(options, t, true);
        holder[0] = loop;
        t.setName(loop.name);
        t.start();
        ready.complete(null);
        return loop;
    }

    /** The loop driven by the calling thread. */
    public static RealLoop current() {
        RealLoop loop = CURRENT.get();
        if (loop == null) {
            throw new IllegalStateException("not on a Stardust loop thread (this is '" + Thread.currentThread().getName()
                    + "'): run code with Loop.run(...), or hand it to a loop with loop.execute(...)");
        }
        return loop;
    }

    /** The loop driven by the calling thread, or null. */
    public static @Nullable RealLoop currentOrNull() {
        return CURRENT.get();
    }

    // ---- the turn ------------------------------------------------------------------------------------------

    private void drive(@Nullable Runnable main) {
        CURRENT.set(this);
        if (blockedThresholdNanos > 0) {
            BlockedLoopChecker.watch(this);
        }
        try {
            if (main != null) {
                invoke(main);
            }
            while (true) {
                runDueTimers();
                if (!isAlive()) {
                    // Netty may still hold tasks (close notifications) that run callbacks and change liveness.
                    int ran = io.runNow();
                    drainTicksAtTopLevel();
                    if (ran > 0 || isAlive()) {
                        continue;
                    }
                    // node's 'beforeExit': its listeners may schedule more work, and the loop goes on.
                    if (!forced && !beforeExitHooks.isEmpty()) {
                        for (Runnable hook : new ArrayList<>(beforeExitHooks)) {
                            invoke(hook);
                        }
                        if (isAlive()) {
                            continue;
                        }
                    }
                    for (Runnable hook : new ArrayList<>(exitHooks)) {
                        invoke(hook);
                    }
                    break;
                }
                io.run(pollTimeoutNanos());
                drainTicksAtTopLevel();
                runImmediates();
            }
        } finally {
            shutdown();
        }
    }

    private boolean isAlive() {
        return !forced && (refs > 0 || keepAlive || !ticks.isEmpty() || pendingTasks.get() > 0);
    }

    /** How long the poll may block: not at all with work queued, else until the next timer (0: no limit). */
    private long pollTimeoutNanos() {
        if (!ticks.isEmpty() || !immediates.isEmpty()) {
            return -1;
        }
        RealTimer next = timers.peek();
        if (next == null) {
            return 0;
        }
        long delay = next.deadline - System.nanoTime();
        return delay <= 0 ? -1 : delay;
    }

    private void runDueTimers() {
        if (timers.size() == 0) {
            return;
        }
        // Timers set by these callbacks are never due in this same pass: node compares with the phase's start.
        long now = System.nanoTime();
        RealTimer t;
        while ((t = timers.peek()) != null && t.deadline - now <= 0) {
            timers.remove(t);
            if (t.repeat) {
                long start = System.nanoTime();
                long next = t.deadline + t.periodNanos;
                if (next - start <= 0) {
                    next = start + t.periodNanos;
                }
                timers.add(t, next);
            } else if (t.hasRef()) {
                removeRef();
            }
            invoke(t.callback);
        }
    }

    private void runImmediates() {
        if (immediates.isEmpty()) {
            return;
        }
        // Swap first: an immediate queued by an immediate runs on the next turn, after I/O, as in node.
        ArrayDeque<RealImmediate> batch = immediates;
        immediates = runningImmediates;
        runningImmediates = batch;
        RealImmediate im;
        while ((im = batch.poll()) != null) {
            if (im.finish()) {
                invoke(im.callback);
            }
        }
    }

    // ---- entering user code ----------------------------------------------------------------------------------

    /** Runs a callback: exceptions go to the uncaught handler, and at top level the tick queue drains after. */
    public void invoke(Runnable callback) {
        boolean top = enter();
        try {
            callback.run();
        } catch (Throwable t) {
            reportUncaught(t);
        } finally {
            leave(top);
        }
    }

    /** As {@link #invoke(Runnable)} for a one-argument callback, without allocating a closure. */
    public <A> void invoke(Consumer<A> callback, A argument) {
        boolean top = enter();
        try {
            callback.accept(argument);
        } catch (Throwable t) {
            reportUncaught(t);
        } finally {
            leave(top);
        }
    }

    /**
     * Marks entry into user code; returns true at top level. Callers pass it to {@link #leave(boolean)}. Prefer
     * {@link #invoke}.
     */
    public boolean enter() {
        if (++depth == 1) {
            callbackStartedNanos = System.nanoTime();
            return true;
        }
        return false;
    }

    /** Leaves top-level user code: drains the tick queue, reports unhandled rejections. */
    public void exit() {
        try {
            drainTicks();
        } finally {
            callbackStartedNanos = 0;
            depth--;
        }
    }

    /** Leaves user code entered with {@link #enter()}, given what it returned: at top level, as {@link #exit()}. */
    public void leave(boolean top) {
        if (top) {
            exit();
        } else {
            depth--;
        }
    }

    /** Runs {@code r}, routing anything it throws to the uncaught handler. */
    public void runGuarded(Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            reportUncaught(t);
        }
    }

    private void drainTicks() {
        while (true) {
            Runnable r;
            while ((r = ticks.poll()) != null) {
                runGuarded(r);
            }
            if (rejections.isEmpty()) {
                return;
            }
            List<LoopPromise<?>> failed = new ArrayList<>(rejections);
            rejections.clear();
            for (LoopPromise<?> p : failed) {
                Throwable error = p.error();
                if (p.isUnhandledFailure() && error != null) {
                    reportUncaught(new StardustException("ERR_UNHANDLED_REJECTION",
                            "a promise failed and no failure callback was attached: " + error, error));
                }
            }
        }
    }

    private void drainTicksAtTopLevel() {
        if (!ticks.isEmpty() || !rejections.isEmpty()) {
            enter();
            exit();
        }
    }

    /** Hands {@code error} to the uncaught-exception handler; a handler that throws is printed, never rethrown. */
    public void reportUncaught(Throwable error) {
        try {
            uncaughtHandler.accept(error);
        } catch (Throwable handlerFailure) {
            handlerFailure.addSuppressed(error);
            handlerFailure.printStackTrace();
        }
    }

    void trackRejection(LoopPromise<?> promise) {
        rejections.add(promise);
    }

    // ---- handles and references ------------------------------------------------------------------------------

    /** One more referenced handle keeps the loop alive. Loop thread only. */
    public void addRef() {
        refs++;
    }

    /** One referenced handle fewer. Loop thread only. */
    public void removeRef() {
        refs--;
    }

    void register(LoopHandle handle) {
        handles.add(handle);
    }

    void unregister(LoopHandle handle) {
        handles.remove(handle);
    }

    /** A description of what keeps the loop alive, for diagnostics and test failures. Loop thread only. */
    public String describeAliveHandles() {
        return "refs=" + refs + ", handles=" + handles + ", timers=" + timers.size() + ", immediates="
                + immediates.size() + ", ticks=" + ticks.size() + ", pendingTasks=" + pendingTasks.get()
                + (keepAlive ? ", background" : "");
    }

    /** Runs {@code hook} each time the loop becomes empty, before it ends (node's {@code beforeExit}). */
    public void onBeforeExit(Runnable hook) {
        checkThread();
        beforeExitHooks.add(hook);
    }

    /** Runs {@code hook} once the loop is empty for good, just before it ends (node's {@code exit}). */
    public void onExit(Runnable hook) {
        checkThread();
        exitHooks.add(hook);
    }

    // ---- timers, immediates, ticks ---------------------------------------------------------------------------

    /** See {@link dev.stardust.Timers#setTimeout} and {@link dev.stardust.Timers#setInterval}. */
    public Timer setTimer(Runnable callback, long delayMs, boolean repeat) {
        checkThread();
        if (delayMs < 1 || delayMs > Integer.MAX_VALUE) {
            delayMs = 1;
        }
        long period = TimeUnit.MILLISECONDS.toNanos(delayMs);
        RealTimer timer = new RealTimer(this, callback, period, repeat);
        scheduleTimer(timer, System.nanoTime() + period);
        return timer;
    }

    void scheduleTimer(RealTimer timer, long deadline) {
        timers.add(timer, deadline);
        if (timer.hasRef()) {
            addRef();
        }
    }

    void cancelTimer(RealTimer timer) {
        if (timer.isQueued()) {
            timers.remove(timer);
            if (timer.hasRef()) {
                removeRef();
            }
        }
    }

    /** See {@link dev.stardust.Timers#setImmediate}. */
    public Immediate setImmediate(Runnable callback) {
        checkThread();
        RealImmediate immediate = new RealImmediate(this, callback);
        immediates.add(immediate);
        addRef();
        return immediate;
    }

    /** See {@link dev.stardust.Timers#nextTick}. */
    public void nextTick(Runnable callback) {
        checkThread();
        ticks.add(callback);
    }

    void nextTickInternal(Runnable callback) {
        ticks.add(callback);
    }

    // ---- threads -------------------------------------------------------------------------------------------

    /** Fails at once when called from any thread but the loop's: loop-bound state is never shared. */
    public void checkThread() {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("called from thread '" + Thread.currentThread().getName()
                    + "', but this belongs to loop '" + name + "' on thread '" + thread.getName()
                    + "': hand the work to it with loop.execute(...)");
        }
    }

    @Override
    public boolean inLoopThread() {
        return Thread.currentThread() == thread;
    }

    Thread thread() {
        return thread;
    }

    @Override
    public void execute(Runnable task) {
        if (state.get() == TERMINATED) {
            throw new RejectedExecutionException("loop '" + name + "' has terminated");
        }
        executeInternal(task);
    }

    /** Queues {@code task} onto the loop from any thread; pending tasks keep the loop alive. */
    public void executeInternal(Runnable task) {
        pendingTasks.incrementAndGet();
        try {
            io.execute(() -> {
                pendingTasks.decrementAndGet();
                invoke(task);
            });
        } catch (RejectedExecutionException e) {
            pendingTasks.decrementAndGet();
            throw e;
        }
    }

    @Override
    public <T extends @Nullable Object> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> future = new CompletableFuture<>();
        execute(() -> {
            try {
                future.complete(task.call());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
        return future;
    }

    @Override
    public <T extends @Nullable Object> Promise<T> executeBlocking(Callable<T> work) {
        checkThread();
        LoopPromise<T> promise = new LoopPromise<>(this);
        WorkerPool pool = workers;
        if (pool == null) {
            pool = new WorkerPool(name, options.workerThreads(), options.workerQueueCapacity());
            workers = pool;
        }
        addRef();
        try {
            pool.submit(() -> {
                T value = null;
                Throwable error = null;
                try {
                    value = work.call();
                } catch (Throwable t) {
                    error = t;
                }
                T result = value;
                Throwable failure = error;
                executeInternal(() -> {
                    removeRef();
                    if (failure != null) {
                        promise.reject(failure);
                    } else {
                        promise.resolve(result);
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            removeRef();
            promise.reject(new StardustException("EAGAIN", "the worker pool of loop '" + name
                    + "' is full (" + options.workerQueueCapacity() + " jobs queued)", e));
        }
        return promise;
    }

    // ---- identity and settings -----------------------------------------------------------------------------

    @Override
    public String name() {
        return name;
    }

    @Override
    public String transport() {
        return transport.displayName();
    }

    /** The transport, for modules that create channels. */
    public Transport transportKind() {
        return transport;
    }

    /** The Netty event loop that channels of this loop register with. */
    public IoEventLoop ioLoop() {
        return io;
    }

    LoopOptions options() {
        return options;
    }

    /**
     * The resolver group every {@code Bootstrap} on this loop must use ({@code bootstrap.resolver(...)}): it
     * resolves nothing (connect targets are resolved already) and is closed with the loop, so that no listener is
     * left on the loop's termination future to wake Netty's non-daemon global executor thread at exit.
     */
    public AddressResolverGroup<SocketAddress> addressResolvers() {
        ResolvedAddressGroup group = resolvers;
        if (group == null) {
            group = new ResolvedAddressGroup();
            resolvers = group;
        }
        return group;
    }

    @Override
    public Loop uncaughtExceptionHandler(Consumer<Throwable> handler) {
        this.uncaughtHandler = java.util.Objects.requireNonNull(handler);
        return this;
    }

    // ---- closing -------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> close() {
        return close(Duration.ofSeconds(10));
    }

    @Override
    public CompletableFuture<Void> close(Duration deadline) {
        // A later call while closing still counts: its deadline may be shorter (close(ZERO) forces a slow close).
        if (state.compareAndSet(RUNNING, CLOSING) || state.get() == CLOSING) {
            try {
                executeInternal(() -> beginClose(deadline));
            } catch (RejectedExecutionException alreadyGone) {
                // The loop ended on its own between the state check and now.
            }
        }
        return terminated.copy();
    }

    private void beginClose(Duration deadline) {
        if (!closing) {
            closing = true;
            keepAlive = false;
            for (LoopHandle handle : new ArrayList<>(handles)) {
                runGuarded(handle::closeGracefully);
            }
        }
        long millis = deadline.toMillis();
        if (millis <= 0) {
            forceClose();
        } else {
            setTimer(this::forceClose, Math.min(millis, Integer.MAX_VALUE), false).unref();
        }
    }

    private void forceClose() {
        for (LoopHandle handle : new ArrayList<>(handles)) {
            runGuarded(handle::forceClose);
        }
        for (RealTimer t : timers.clear()) {
            if (t.hasRef()) {
                removeRef();
            }
        }
        for (RealImmediate im : immediates) {
            im.finish();
        }
        immediates.clear();
        forced = true;
    }

    private void shutdown() {
        state.set(TERMINATED);
        BlockedLoopChecker.unwatch(this);
        try {
            if (workers != null) {
                workers.shutdown();
            }
            if (resolvers != null) {
                // Removes the group's listener from io's termination future before io terminates (see the class).
                resolvers.close();
            }
            io.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            for (int i = 0; i < 10_000 && !io.isTerminated(); i++) {
                io.run(TimeUnit.MILLISECONDS.toNanos(1));
            }
        } finally {
            CURRENT.remove();
            terminated.complete(null);
        }
    }

    @Override
    public String toString() {
        return "Loop[" + name + ", " + transport.displayName() + "]";
    }
}
