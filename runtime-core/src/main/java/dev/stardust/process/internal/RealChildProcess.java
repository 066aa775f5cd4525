package dev.stardust.process.internal;

import dev.stardust.Buffer;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.Timer;
import dev.stardust.internal.Errno;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.RealLoop;
import dev.stardust.internal.ResourceHandle;
import dev.stardust.process.ChildProcess;
import dev.stardust.process.ExecResult;
import dev.stardust.process.ExitStatus;
import dev.stardust.process.Signals;
import dev.stardust.process.SpawnOptions;
import dev.stardust.process.Stdio;
import dev.stardust.stream.Readable;
import dev.stardust.stream.Writable;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ChildProcess} on {@link ProcessBuilder}. The JDK's reaper tells of the exit, which hops onto the loop;
 * each output pipe has a {@link PipeReadable} with its reader thread; {@code close} follows once the exit and the
 * end of every output pipe were seen. A {@link ResourceHandle} keeps the loop alive until then.
 *
 * <p>The JDK reports a child killed by signal n as exit value 128 + n; after {@link #kill} such a value is
 * reported as the signal, as node does.
 */
public final class RealChildProcess extends ChildProcess {
    private final RealLoop loop = RealLoop.current();
    // Forced closed when the loop shuts down with the child running: the child is killed.
    private final ResourceHandle handle = new ResourceHandle(loop, this, this::killForLoopShutdown);
    private @Nullable Process process;
    private @Nullable PipeWritable stdin;
    private @Nullable PipeReadable stdout;
    private @Nullable PipeReadable stderr;
    private int openPipes;
    private @Nullable ExitStatus exit;
    private @Nullable String signalSent;
    private @Nullable Timer timeout;
    private boolean closeEmitted;

    private RealChildProcess() {
    }

    private void killForLoopShutdown() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
        handle.close();
    }

    /** Starts the child now; a failure to start is emitted as {@code error} on the next tick. */
    public static RealChildProcess spawn(String command, List<String> args, SpawnOptions options) {
        RealChildProcess child = new RealChildProcess();
        List<String> argv = new ArrayList<>();
        if (options.shell()) {
            argv.add("/bin/sh");
            argv.add("-c");
            argv.add(args.isEmpty() ? command : command + " " + String.join(" ", args));
        } else {
            argv.add(command);
            argv.addAll(args);
        }
        ProcessBuilder builder = new ProcessBuilder(argv);
        options.cwd().ifPresent(dir -> builder.directory(new File(dir)));
        options.env().ifPresent(env -> {
            builder.environment().clear();
            builder.environment().putAll(env);
        });
        builder.redirectInput(options.stdin() == Stdio.PIPE ? ProcessBuilder.Redirect.PIPE
                : options.stdin() == Stdio.INHERIT ? ProcessBuilder.Redirect.INHERIT
                : ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.redirectOutput(output(options.stdout()));
        builder.redirectError(output(options.stderr()));
        Process p;
        try {
            p = builder.start();
        } catch (IOException | RuntimeException e) {
            String code = e instanceof IOException ? Errno.codeOf(e) : "EINVAL";
            StardustException error = new StardustException(code, "spawn " + command + " " + code, e);
            child.loop.nextTick(() -> child.emit("error", error));
            return child;
        }
        child.start(p, options, command);
        return child;
    }

    private static ProcessBuilder.Redirect output(Stdio stdio) {
        return stdio == Stdio.PIPE ? ProcessBuilder.Redirect.PIPE
                : stdio == Stdio.INHERIT ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.DISCARD;
    }

    private void start(Process p, SpawnOptions options, String command) {
        process = p;
        handle.open();
        String name = command + "[" + p.pid() + "]";
        if (options.stdin() == Stdio.PIPE) {
            stdin = new PipeWritable(p.getOutputStream(), name + ".stdin", true);
        }
        if (options.stdout() == Stdio.PIPE) {
            openPipes++;
            stdout = new PipeReadable(p.getInputStream(), name + ".stdout", this::pipeDone).start(true);
        }
        if (options.stderr() == Stdio.PIPE) {
            openPipes++;
            stderr = new PipeReadable(p.getErrorStream(), name + ".stderr", this::pipeDone).start(true);
        }
        if (!options.timeout().isZero()) {
            String signal = options.killSignal();
            timeout = loop.setTimer(() -> kill(signal), Math.max(1, options.timeout().toMillis()), false);
            timeout.unref();
        }
        p.onExit().whenComplete((done, error) -> {
            try {
                loop.executeInternal(this::exited);
            } catch (RejectedExecutionException loopGone) {
                // The loop was closed before the child ended; nobody is listening.
            }
        });
        loop.nextTick(() -> emit("spawn"));
    }

    private void exited() {
        Process p = process;
        if (p == null || exit != null) {
            return;
        }
        Timer t = timeout;
        if (t != null) {
            t.close();
        }
        int value = p.exitValue();
        String sent = signalSent;
        ExitStatus status = sent != null && value > 128
                ? ExitStatus.signaled(Signals.name(value - 128).orElse(sent)) : ExitStatus.exited(value);
        exit = status;
        emit("exit", status);
        maybeClose();
    }

    private void pipeDone() {
        openPipes--;
        maybeClose();
    }

    private void maybeClose() {
        ExitStatus status = exit;
        if (status != null && openPipes <= 0 && !closeEmitted) {
            closeEmitted = true;
            handle.close();
            loop.nextTick(() -> emit("close", status));
        }
    }

    /** Spawns and collects the output into an {@link ExecResult}, for {@code exec} and {@code execFile}. */
    public static Promise<ExecResult> collect(String command, List<String> args, SpawnOptions options) {
        SpawnOptions piped = options.withStdio(Stdio.PIPE);
        LoopPromise<ExecResult> result = new LoopPromise<>(RealLoop.current());
        RealChildProcess child = spawn(command, args, piped);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        child.on("error", (Throwable e) -> result.reject(e));
        child.stdin().ifPresent(Writable::end);
        child.stdout().ifPresent(s -> s.onData(chunk -> append(child, out, chunk, "stdout", piped, result)));
        child.stderr().ifPresent(s -> s.onData(chunk -> append(child, err, chunk, "stderr", piped, result)));
        child.on("close", (ExitStatus status) -> result.resolve(new ExecResult(
                out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), status)));
        return result;
    }

    private static void append(RealChildProcess child, ByteArrayOutputStream sink, Buffer chunk, String which,
            SpawnOptions options, LoopPromise<ExecResult> result) {
        if (result.isDone()) {
            return;
        }
        int room = options.maxBuffer() - sink.size();
        if (chunk.length() > room) {
            sink.writeBytes(chunk.slice(0, Math.max(0, room)).toByteArray());
            child.kill(options.killSignal());
            result.reject(new StardustException("ERR_CHILD_PROCESS_STDIO_MAXBUFFER",
                    which + " maxBuffer length exceeded"));
            return;
        }
        sink.writeBytes(chunk.toByteArray());
    }

    @Override
    public OptionalLong pid() {
        Process p = process;
        return p == null ? OptionalLong.empty() : OptionalLong.of(p.pid());
    }

    @Override
    public Optional<Writable<Buffer>> stdin() {
        return Optional.ofNullable(stdin);
    }

    @Override
    public Optional<Readable<Buffer>> stdout() {
        return Optional.ofNullable(stdout);
    }

    @Override
    public Optional<Readable<Buffer>> stderr() {
        return Optional.ofNullable(stderr);
    }

    @Override
    public boolean kill() {
        return kill("SIGTERM");
    }

    @Override
    public boolean kill(String signal) {
        loop.checkThread();
        String name = Signals.normalize(signal);
        Process p = process;
        if (p == null || exit != null || !p.isAlive()) {
            return false;
        }
        signalSent = name;
        switch (name) {
            // Through the ProcessHandle: Process.destroy() would also close the pipes and lose unread output.
            case "SIGTERM":
                p.toHandle().destroy();
                break;
            case "SIGKILL":
                p.toHandle().destroyForcibly();
                break;
            default:
                long pid = p.pid();
                loop.executeBlocking(() -> new ProcessBuilder("kill", "-s", name.substring(3), Long.toString(pid))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor())
                        .onComplete((code, e) -> {
                            if (e != null || code == null || code != 0) {
                                emit("error", new StardustException("ESRCH", "kill " + name + " " + pid
                                        + " failed" + (e != null ? ": " + e.getMessage() : "")));
                            }
                        });
                break;
        }
        return true;
    }

    @Override
    public boolean killed() {
        return signalSent != null;
    }

    @Override
    public Optional<ExitStatus> exitStatus() {
        return Optional.ofNullable(exit);
    }

    @Override
    public ChildProcess ref() {
        handle.ref();
        return this;
    }

    @Override
    public ChildProcess unref() {
        handle.unref();
        return this;
    }

    @Override
    public boolean hasRef() {
        return handle.hasRef();
    }

    @Override
    public String toString() {
        Process p = process;
        return "ChildProcess[" + (p == null ? "not started" : "pid " + p.pid()) + "]";
    }
}
