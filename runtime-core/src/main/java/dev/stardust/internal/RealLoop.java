package dev.stardust.internal;

import dev.stardust.Immediate;
import dev.stardust.Loop;
import dev.stardust.LoopOptions;
import dev.stardust.Promise;
import dev.stardust.Timer;
import io.netty.channel.IoEventLoop;
import io.netty.channel.ManualIoEventLoop;
import io.netty.resolver.AddressResolverGroup;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The loop: one thread driving a Netty {@link ManualIoEventLoop} and node's phases around it. Each turn runs
 * the due timers, then polls for I/O (blocking until the next timer when nothing else is pending) and runs the
 * tasks handed in from other threads, then runs the immediates queued before the turn's check phase. The
 * nextTick queue drains after every top-level callback. The loop ends when no referenced handle is left.
 *
 * <p>This class is what other modules talk to, and hands each job to a part of its own: {@link LoopDriver}
 * (the turns), {@link CallbackRunner} (entering user code, ticks, uncaught errors), {@link LiveHandles} (what
 * keeps the loop alive), {@link TimerPhase} and {@link ImmediatePhase}, {@link CrossThreadTasks},
 * {@link BlockingWork} and {@link CloseSequence}.
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

    private final LoopOptions options;
    private final String name;
    private final Transport transport;
    private final ManualIoEventLoop io;
    private final Thread thread;
    // The parts, package-private for each other; see the class comment.
    final CallbackRunner callbacks;
    final LiveHandles handles;
    final TimerPhase timers = new TimerPhase(this);
    final ImmediatePhase immediates = new ImmediatePhase(this);
    final CrossThreadTasks tasks;
    final BlockingWork blockingWork;
    final CloseSequence closeSequence = new CloseSequence(this);
    private final LoopDriver driver;
    private @Nullable ResolvedAddressGroup resolvers;
    /** node's {@code process.exitCode}: the status a {@code Loop.run} program ends with. */
    private int exitCode;

    private RealLoop(LoopOptions options, Thread thread, boolean background) {
        this.options = options;
        this.name = options.name().equals(LoopOptions.defaults().name())
                ? options.name() + "-" + LOOP_IDS.incrementAndGet() : options.name();
        this.transport = Transport.select(options.transport());
        this.thread = thread;
        this.io = new ManualIoEventLoop(thread, transport.ioHandlerFactory());
        this.callbacks = new CallbackRunner(options.blockedThreshold().toNanos(), options.uncaughtExceptionHandler());
        this.handles = new LiveHandles(background);
        this.tasks = new CrossThreadTasks(this, io);
        this.blockingWork = new BlockingWork(this, options.workerThreads(), options.workerQueueCapacity());
        this.driver = new LoopDriver(this, io);
    }

    // ---- creation and lookup ----------------------------------------------------------------------------------

    /** Runs a loop on the calling thread until it is empty; see {@link Loop#run(Runnable)}. */
    public static void runOnCallingThread(LoopOptions options, Runnable main) {
        RealLoop existing = CURRENT.get();
        if (existing != null) {
            throw new IllegalStateException("Loop.run called on thread '" + Thread.currentThread().getName()
                    + "', which already drives loop '" + existing.name + "'");
        }
        RealLoop loop = new RealLoop(options, Thread.currentThread(), false);
        // With the default handler this loop is a program, with node's semantics: an uncaught error ends it with
        // status 1, and a non-zero exit code ends the JVM with it. A handler of the caller's own means a host
        // (or a test) decides, and the JVM is never ended here.
        boolean program = options.uncaughtExceptionHandler() == LoopOptions.defaults().uncaughtExceptionHandler();
        if (program) {
            loop.callbacks.uncaughtHandler(loop::endProgram);
        }
        loop.drive(main);
        if (program && loop.exitCode != 0) {
            System.out.flush();
            System.err.flush();
            System.exit(loop.exitCode);
        }
    }

    /** An error nobody took ends a program as node's does: printed, status 1, the loop closed at once. */
    private void endProgram(Throwable error) {
        error.printStackTrace();
        exitCode = 1;
        close(Duration.ZERO);
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

    // ---- the turn (see LoopDriver) ----------------------------------------------------------------------------

    private void drive(@Nullable Runnable main) {
        CURRENT.set(this);
        try {
            driver.run(main);
        } finally {
            CURRENT.remove();
            closeSequence.completeTermination();
        }
    }

    // ---- entering user code (see CallbackRunner) --------------------------------------------------------------

    /** Runs a callback: exceptions go to the uncaught handler, and at top level the tick queue drains after. */
    public void invoke(Runnable callback) {
        callbacks.invoke(callback);
    }

    /** As {@link #invoke(Runnable)} for a one-argument callback, without allocating a closure. */
    public <A> void invoke(Consumer<A> callback, A argument) {
        callbacks.invoke(callback, argument);
    }

    /**
     * Marks entry into user code; returns true at top level. Callers pass it to {@link #leave(boolean)}. Prefer
     * {@link #invoke}.
     */
    public boolean enter() {
        return callbacks.enter();
    }

    /** Leaves top-level user code: drains the tick queue, reports unhandled rejections. */
    public void exit() {
        callbacks.exit();
    }

    /** Leaves user code entered with {@link #enter()}, given what it returned: at top level, as {@link #exit()}. */
    public void leave(boolean top) {
        callbacks.leave(top);
    }

    /** Runs {@code r}, routing anything it throws to the uncaught handler. */
    public void runGuarded(Runnable r) {
        callbacks.runGuarded(r);
    }

    /** Hands {@code error} to the uncaught-exception handler; a handler that throws is printed, never rethrown. */
    public void reportUncaught(Throwable error) {
        callbacks.reportUncaught(error);
    }

    @Override
    public Loop uncaughtExceptionHandler(Consumer<Throwable> handler) {
        callbacks.uncaughtHandler(handler);
        return this;
    }

    /** Lets the program's {@code Process} listeners take an uncaught error first; they return whether they did. */
    public void processListeners(Predicate<Throwable> listeners) {
        callbacks.processListeners(listeners);
    }

    /** The status a program run by {@code Loop.run} ends with (node's {@code process.exitCode}). */
    public int exitCode() {
        return exitCode;
    }

    /** Sets the status a program run by {@code Loop.run} ends with (node's {@code process.exitCode = n}). */
    public void exitCode(int code) {
        this.exitCode = code;
    }

    // ---- handles and references (see LiveHandles) -------------------------------------------------------------

    /** One more referenced handle keeps the loop alive. Loop thread only. */
    public void addRef() {
        handles.addRef();
    }

    /** One referenced handle fewer. Loop thread only. */
    public void removeRef() {
        handles.removeRef();
    }

    /** A description of what keeps the loop alive, for diagnostics and test failures. Loop thread only. */
    public String describeAliveHandles() {
        return handles.describe() + ", timers=" + timers.size() + ", immediates=" + immediates.size() + ", ticks="
                + callbacks.tickCount() + ", pendingTasks=" + tasks.pending()
                + (handles.keepAlive() ? ", background" : "");
    }

    /** Runs {@code hook} each time the loop becomes empty, before it ends (node's {@code beforeExit}). */
    public void onBeforeExit(Runnable hook) {
        checkThread();
        driver.onBeforeExit(hook);
    }

    /** Runs {@code hook} once the loop is empty for good, just before it ends (node's {@code exit}). */
    public void onExit(Runnable hook) {
        checkThread();
        driver.onExit(hook);
    }

    // ---- timers, immediates, ticks ----------------------------------------------------------------------------

    /** See {@link dev.stardust.Timers#setTimeout} and {@link dev.stardust.Timers#setInterval}. */
    public Timer setTimer(Runnable callback, long delayMs, boolean repeat) {
        checkThread();
        return timers.set(callback, delayMs, repeat);
    }

    /** See {@link dev.stardust.Timers#setImmediate}. */
    public Immediate setImmediate(Runnable callback) {
        checkThread();
        return immediates.add(callback);
    }

    /** See {@link dev.stardust.Timers#nextTick}. */
    public void nextTick(Runnable callback) {
        checkThread();
        callbacks.nextTick(callback);
    }

    // ---- threads and blocking work ----------------------------------------------------------------------------

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

    @Override
    public void execute(Runnable task) {
        if (closeSequence.isTerminated()) {
            throw new RejectedExecutionException("loop '" + name + "' has terminated");
        }
        executeInternal(task);
    }

    /** Queues {@code task} onto the loop from any thread; pending tasks keep the loop alive. */
    public void executeInternal(Runnable task) {
        tasks.execute(task);
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
    public <T extends @Nullable Object> CompletableFuture<T> submitPromise(Supplier<Promise<T>> task) {
        CompletableFuture<T> future = new CompletableFuture<>();
        execute(() -> {
            try {
                task.get().onComplete((v, e) -> {
                    if (e != null) {
                        future.completeExceptionally(e);
                    } else {
                        future.complete(v);
                    }
                });
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
        return future;
    }

    @Override
    public <T extends @Nullable Object> Promise<T> executeBlocking(Callable<T> work) {
        checkThread();
        return blockingWork.run(work);
    }

    // ---- identity and settings --------------------------------------------------------------------------------

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

    // ---- for the parts ----------------------------------------------------------------------------------------

    LoopOptions options() {
        return options;
    }

    Thread thread() {
        return thread;
    }

    void closeAddressResolvers() {
        if (resolvers != null) {
            resolvers.close();
        }
    }

    // ---- closing (see CloseSequence) --------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> close() {
        return close(Duration.ofSeconds(10));
    }

    @Override
    public CompletableFuture<Void> close(Duration deadline) {
        return closeSequence.close(deadline);
    }

    @Override
    public String toString() {
        return "Loop[" + name + ", " + transport.displayName() + "]";
    }
}
