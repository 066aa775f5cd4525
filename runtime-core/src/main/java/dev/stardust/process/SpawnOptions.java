package dev.stardust.process;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link ChildProcess#spawn} and {@link ChildProcess#exec}, node's {@code options} object: working
 * directory, environment, stdio, timeout and kill signal, shell, and for {@code exec} the output limit.
 * Immutable; each {@code withX} returns a copy. Defaults: the parent's directory and environment, three pipes,
 * no timeout, {@code SIGTERM}, no shell, 1 MiB of output.
 */
public final class SpawnOptions {
    /** node's default {@code maxBuffer} for {@code exec}: 1 MiB. */
    public static final int DEFAULT_MAX_BUFFER = 1024 * 1024;
    private static final SpawnOptions DEFAULTS = new SpawnOptions(null, null, Stdio.PIPE, Stdio.PIPE, Stdio.PIPE,
            Duration.ZERO, "SIGTERM", false, DEFAULT_MAX_BUFFER);

    private final @Nullable String cwd;
    private final @Nullable Map<String, String> env;
    private final Stdio stdin;
    private final Stdio stdout;
    private final Stdio stderr;
    private final Duration timeout;
    private final String killSignal;
    private final boolean shell;
    private final int maxBuffer;

    private SpawnOptions(@Nullable String cwd, @Nullable Map<String, String> env, Stdio stdin, Stdio stdout,
            Stdio stderr, Duration timeout, String killSignal, boolean shell, int maxBuffer) {
        this.cwd = cwd;
        this.env = env;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.timeout = timeout;
        this.killSignal = killSignal;
        this.shell = shell;
        this.maxBuffer = maxBuffer;
    }

    /** The defaults. */
    public static SpawnOptions defaults() {
        return DEFAULTS;
    }

    /** The child's working directory; empty for the parent's. */
    public Optional<String> cwd() {
        return Optional.ofNullable(cwd);
    }

    /** Options running the child in {@code directory} (node's {@code cwd}). */
    public SpawnOptions withCwd(String directory) {
        return new SpawnOptions(Objects.requireNonNull(directory), env, stdin, stdout, stderr, timeout, killSignal,
                shell, maxBuffer);
    }

    /** The child's whole environment; empty for a copy of the parent's. */
    public Optional<Map<String, String>> env() {
        return Optional.ofNullable(env);
    }

    /** Options giving the child exactly {@code environment}, nothing inherited (node's {@code env}). */
    public SpawnOptions withEnv(Map<String, String> environment) {
        return new SpawnOptions(cwd, Map.copyOf(environment), stdin, stdout, stderr, timeout, killSignal, shell,
                maxBuffer);
    }

    /** What the child's standard input is connected to. */
    public Stdio stdin() {
        return stdin;
    }

    /** What the child's standard output is connected to. */
    public Stdio stdout() {
        return stdout;
    }

    /** What the child's standard error is connected to. */
    public Stdio stderr() {
        return stderr;
    }

    /** Options connecting all three standard streams the same way (node's {@code stdio: 'inherit'}...). */
    public SpawnOptions withStdio(Stdio all) {
        return withStdio(all, all, all);
    }

    /** Options connecting each standard stream (node's {@code stdio: [in, out, err]}). */
    public SpawnOptions withStdio(Stdio stdin, Stdio stdout, Stdio stderr) {
        return new SpawnOptions(cwd, env, Objects.requireNonNull(stdin), Objects.requireNonNull(stdout),
                Objects.requireNonNull(stderr), timeout, killSignal, shell, maxBuffer);
    }

    /** How long the child may run before it is sent {@link #killSignal()}; zero for no limit. */
    public Duration timeout() {
        return timeout;
    }

    /** Options killing the child after {@code timeout} (node's {@code timeout}). */
    public SpawnOptions withTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        return new SpawnOptions(cwd, env, stdin, stdout, stderr, timeout, killSignal, shell, maxBuffer);
    }

    /** The signal sent on timeout or when {@code exec}'s output limit is passed. */
    public String killSignal() {
        return killSignal;
    }

    /** Options with another kill signal, e.g. {@code "SIGKILL"} (node's {@code killSignal}). */
    public SpawnOptions withKillSignal(String signal) {
        return new SpawnOptions(cwd, env, stdin, stdout, stderr, timeout, Signals.normalize(signal), shell,
                maxBuffer);
    }

    /** Whether the command runs through {@code /bin/sh -c}. */
    public boolean shell() {
        return shell;
    }

    /** Options running the command line through {@code /bin/sh -c} (node's {@code shell: true}). */
    public SpawnOptions withShell(boolean shell) {
        return new SpawnOptions(cwd, env, stdin, stdout, stderr, timeout, killSignal, shell, maxBuffer);
    }

    /** How many bytes {@code exec} collects per stream before it kills the child and fails. */
    public int maxBuffer() {
        return maxBuffer;
    }

    /** Options with another output limit for {@code exec} (node's {@code maxBuffer}). */
    public SpawnOptions withMaxBuffer(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("maxBuffer must not be negative, got " + bytes);
        }
        return new SpawnOptions(cwd, env, stdin, stdout, stderr, timeout, killSignal, shell, bytes);
    }
}
