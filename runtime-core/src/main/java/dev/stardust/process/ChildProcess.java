package dev.stardust.process;

import dev.stardust.Buffer;
import dev.stardust.EventEmitter;
import dev.stardust.Handle;
import dev.stardust.Promise;
import dev.stardust.process.internal.RealChildProcess;
import dev.stardust.stream.Readable;
import dev.stardust.stream.Writable;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * node's {@code ChildProcess}: a program started with {@link #spawn}, its piped standard streams as
 * {@link Writable} and {@link Readable} with backpressure. Events, on the loop: {@code spawn}; {@code exit} with
 * the {@link ExitStatus}; {@code close} with the same status once the child exited and its output pipes reached
 * their end; {@code error} (a {@link dev.stardust.StardustException}: {@code ENOENT} when the program is not
 * found). A running child keeps the loop alive until {@code close} unless unref'd.
 *
 * <p>No shell is involved unless {@link SpawnOptions#withShell} asks for one, so arguments need no quoting.
 */
public abstract class ChildProcess extends EventEmitter implements Handle {

    /** For the implementation. */
    protected ChildProcess() {
    }

    /** Starts {@code command} with {@code args} and default options (node's {@code child_process.spawn}). */
    public static ChildProcess spawn(String command, List<String> args) {
        return spawn(command, args, SpawnOptions.defaults());
    }

    /** Starts {@code command} with {@code args} and {@code options}; failures arrive as an {@code error} event. */
    public static ChildProcess spawn(String command, List<String> args, SpawnOptions options) {
        return RealChildProcess.spawn(command, args, options);
    }

    /**
     * Runs {@code commandLine} through {@code /bin/sh -c} and collects its output (node's
     * {@code child_process.exec}). Standard input is closed at once.
     */
    public static Promise<ExecResult> exec(String commandLine) {
        return exec(commandLine, SpawnOptions.defaults());
    }

    /**
     * As {@link #exec(String)}, with options; fails with {@code ERR_CHILD_PROCESS_STDIO_MAXBUFFER} (after killing
     * the child) when either output passes {@link SpawnOptions#maxBuffer()}.
     */
    public static Promise<ExecResult> exec(String commandLine, SpawnOptions options) {
        return RealChildProcess.collect(commandLine, List.of(), options.withShell(true));
    }

    /** Runs {@code file} with {@code args}, no shell, and collects its output (node's {@code execFile}). */
    public static Promise<ExecResult> execFile(String file, List<String> args) {
        return execFile(file, args, SpawnOptions.defaults());
    }

    /** As {@link #execFile(String, List)}, with options (see {@link #exec(String, SpawnOptions)}). */
    public static Promise<ExecResult> execFile(String file, List<String> args, SpawnOptions options) {
        return RealChildProcess.collect(file, args, options);
    }

    /** The child's process id; empty when it could not be started (node's {@code child.pid}). */
    public abstract OptionalLong pid();

    /** The child's standard input when piped (node's {@code child.stdin}); {@code end()} closes it. */
    public abstract Optional<Writable<Buffer>> stdin();

    /** The child's standard output when piped (node's {@code child.stdout}). */
    public abstract Optional<Readable<Buffer>> stdout();

    /** The child's standard error when piped (node's {@code child.stderr}). */
    public abstract Optional<Readable<Buffer>> stderr();

    /** Sends {@code SIGTERM} (node's {@code child.kill()}); returns whether the child was still running. */
    public abstract boolean kill();

    /**
     * Sends {@code signal} ({@code "SIGKILL"}, {@code "HUP"}...) to the child (node's {@code child.kill(signal)});
     * returns whether the child was still running.
     */
    public abstract boolean kill(String signal);

    /** Whether {@link #kill} sent a signal (node's {@code child.killed}). */
    public abstract boolean killed();

    /** How the child ended, once it has (node's {@code exitCode} and {@code signalCode}). */
    public abstract Optional<ExitStatus> exitStatus();

    @Override
    public abstract ChildProcess ref();

    @Override
    public abstract ChildProcess unref();

    /** Adds a listener for {@code exit}: the process ended, its streams may still hold output (node's {@code 'exit'}). */
    public ChildProcess onExit(Consumer<? super ExitStatus> listener) {
        on("exit", listener);
        return this;
    }

    /** Adds a listener for {@code close}: the process ended and its streams are closed (node's {@code 'close'}). */
    public ChildProcess onClose(Consumer<? super ExitStatus> listener) {
        on("close", listener);
        return this;
    }

    /** Adds a listener for {@code error}: the process could not be spawned or signalled (node's {@code 'error'}). */
    public ChildProcess onError(Consumer<? super Throwable> listener) {
        on("error", listener);
        return this;
    }
}
