package dev.stardust.process;

import dev.stardust.Buffer;
import dev.stardust.EventEmitter;
import dev.stardust.StardustException;
import dev.stardust.internal.RealLoop;
import dev.stardust.process.internal.StdinReadable;
import dev.stardust.process.internal.PipeWritable;
import dev.stardust.process.internal.SignalDispatcher;
import dev.stardust.stream.Readable;
import dev.stardust.stream.Writable;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * node's {@code process} for the running JVM, one per loop ({@link #current()}): standard streams as
 * {@link Readable}/{@link Writable}, environment, arguments, the exit code, and POSIX signals as events on the loop.
 *
 * <p>Signals: {@code process.on("SIGHUP", ...)} catches the signal for the whole JVM (through
 * {@code sun.misc.Signal}; {@code ERR_SIGNAL_UNSUPPORTED} where that is missing) and emits it on every loop that
 * listens; a signal no loop listens to gets the JVM's own behaviour back. As in node, a signal listener does not
 * keep the loop alive. {@code stdin} reads {@code System.in} on a thread of its own only once consumed, and keeps
 * the loop alive while it flows (not paused, not ended), as node's does. Events: the signal names,
 * {@code beforeExit} (each time the loop empties; listeners may schedule more work) and {@code exit} (once, with
 * {@link #exitCode()}, when the loop ends or {@link #exit(int)} is called).
 *
 * <p>Failures, as in node: in a program run by {@code Loop.run}, an uncaught exception, an unheard {@code error}
 * event or a failed promise nobody handled is printed and ends the program with status 1, unless the program listens
 * for {@code uncaughtException} (any such error) or {@code unhandledRejection} (the failed promise's error), which
 * then decide. A program whose loop ends by itself with a non-zero {@link #exitCode()} ends the JVM with it.
 */
public final class Process extends EventEmitter {
    private static final ThreadLocal<Process> PER_LOOP = new ThreadLocal<>();
    private static final Set<Process> LISTENING = ConcurrentHashMap.newKeySet();

    private final RealLoop loop;
    private @Nullable Readable<Buffer> stdin;
    private @Nullable Writable<Buffer> stdout;
    private @Nullable Writable<Buffer> stderr;
    private final Map<String, Boolean> catching = new ConcurrentHashMap<>();

    private boolean exitEmitted;

    private Process(RealLoop loop) {
        this.loop = loop;
        loop.onBeforeExit(() -> emit("beforeExit", loop.exitCode()));
        loop.onExit(() -> {
            if (!exitEmitted) {
                exitEmitted = true;
                emit("exit", loop.exitCode());
            }
        });
        loop.processListeners(this::takeUncaught);
    }

    /** The process object of the calling loop (node's global {@code process}). Loop thread only. */
    public static Process current() {
        RealLoop loop = RealLoop.current();
        Process p = PER_LOOP.get();
        if (p == null || p.loop != loop) {
            p = new Process(loop);
            PER_LOOP.set(p);
        }
        return p;
    }

    /** The JVM's process id (node's {@code process.pid}). */
    public long pid() {
        return ProcessHandle.current().pid();
    }

    /** The environment (node's {@code process.env}), read-only. */
    public Map<String, String> env() {
        return System.getenv();
    }

    /** One environment variable (node's {@code process.env.NAME}). */
    public Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name));
    }

    /**
     * The command line as the operating system reports it: the java executable, then its arguments (node's
     * {@code process.argv}); empty where the system does not tell.
     */
    public List<String> argv() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        List<String> argv = new ArrayList<>();
        info.command().ifPresent(argv::add);
        info.arguments().ifPresent(args -> argv.addAll(List.of(args)));
        return List.copyOf(argv);
    }

    /**
     * The status the program ends with (node's {@code process.exitCode}): {@link #exit()}'s, and {@code Loop.run}'s
     * when the loop ends by itself; 1 after an uncaught error.
     */
    public int exitCode() {
        return loop.exitCode();
    }

    /**
     * Sets the status the program ends with (node's {@code process.exitCode = n}): when a {@code Loop.run} program's
     * loop ends by itself with a non-zero code, the JVM exits with it.
     */
    public Process exitCode(int code) {
        loop.exitCode(code);
        return this;
    }

    /** Emits {@code exit} with {@link #exitCode()} and ends the JVM with it (node's {@code process.exit()}). */
    public void exit() {
        exit(loop.exitCode());
    }

    /** Emits {@code exit} with {@code code}, flushes standard output, and ends the JVM (node's {@code exit(code)}). */
    public void exit(int code) {
        loop.exitCode(code);
        try {
            if (!exitEmitted) {
                exitEmitted = true;
                emit("exit", code);
            }
        } finally {
            System.out.flush();
            System.err.flush();
            System.exit(code);
        }
    }

    /** The standard input as a stream of bytes (node's {@code process.stdin}). */
    public Readable<Buffer> stdin() {
        loop.checkThread();
        Readable<Buffer> in = stdin;
        if (in == null) {
            in = StdinReadable.of(new FileInputStream(FileDescriptor.in));
            stdin = in;
        }
        return in;
    }

    /** The standard output as a writable stream (node's {@code process.stdout}); {@code end()} leaves it open. */
    public Writable<Buffer> stdout() {
        loop.checkThread();
        Writable<Buffer> out = stdout;
        if (out == null) {
            out = new PipeWritable(new FileOutputStream(FileDescriptor.out), "stdout", false);
            stdout = out;
        }
        return out;
    }

    /** The standard error as a writable stream (node's {@code process.stderr}); {@code end()} leaves it open. */
    public Writable<Buffer> stderr() {
        loop.checkThread();
        Writable<Buffer> err = stderr;
        if (err == null) {
            err = new PipeWritable(new FileOutputStream(FileDescriptor.err), "stderr", false);
            stderr = err;
        }
        return err;
    }

    /** A listener for a signal's name ({@code SIGINT}, ...) installs the signal handler, however it was added. */
    @Override
    protected void listenerAdded(String event) {
        catchSignal(event);
    }

    /**
     * node's {@code uncaughtException} and {@code unhandledRejection}: with a listener, the program decides what an
     * uncaught error means and goes on; without, the error ends a {@code Loop.run} program.
     */
    private boolean takeUncaught(Throwable error) {
        if (error instanceof StardustException se && "ERR_UNHANDLED_REJECTION".equals(se.code())
                && listenerCount("unhandledRejection") > 0) {
            emit("unhandledRejection", se.getCause() != null ? se.getCause() : se);
            return true;
        }
        if (listenerCount("uncaughtException") > 0) {
            emit("uncaughtException", error);
            return true;
        }
        return false;
    }

    private void catchSignal(String event) {
        if (!event.startsWith("SIG")) {
            return;
        }
        String signal = Signals.normalize(event);
        SignalDispatcher.install(signal, Process::deliver);
        LISTENING.add(this);
        catching.put(signal, Boolean.TRUE);
    }

    /** On the JVM's signal thread: emits {@code signal} on every loop listening to it; whether any was. */
    private static boolean deliver(String signal) {
        boolean taken = false;
        for (Process p : LISTENING) {
            if (!p.catching.containsKey(signal)) {
                continue;
            }
            try {
                p.loop.executeInternal(() -> p.emit(signal, signal));
                taken = true;
            } catch (RejectedExecutionException loopGone) {
                LISTENING.remove(p);
            }
        }
        return taken;
    }
}
