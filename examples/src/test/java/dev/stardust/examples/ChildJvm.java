package dev.stardust.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An example run in a JVM of its own ({@code java -cp <test class path> dev.stardust.examples.Main NAME ARGS}), so
 * that a test can kill it for real: {@link #kill()} is SIGKILL, {@link #terminate()} SIGTERM. Its standard error
 * is read line by line on a thread and awaited with {@link #awaitLine}; standard output goes to a file.
 */
final class ChildJvm implements AutoCloseable {
    private final String name;
    private final Process process;
    private final LinkedBlockingQueue<String> pending = new LinkedBlockingQueue<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    stderr.add(line);
                    pending.add(line);
                }
            } catch (IOException closed) {
                // the child is gone
            }
        }, "stderr-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code example} with {@code args}, its standard output appended to {@code stdout}. */
    static ChildJvm start(String example, Path stdout, Map<String, String> env, String... args) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx64m", "-cp", classPath, Main.class.getName(), example));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()));
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        return new ChildJvm(example, p);
    }

    /** Waits (at most {@code seconds}) for a line of standard error matching {@code regex}; its match. */
    Matcher awaitLine(String regex, int seconds) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                fail(name + " printed no line matching " + regex + " in " + seconds + " s; stderr: " + stderr);
            }
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m;
            }
        }
    }

    /** Everything it printed on standard error so far. */
    List<String> stderr() {
        return stderr;
    }

    /** SIGKILL, as {@code kill -9}: no handler runs. Waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM; waits (at most {@code seconds}) and returns the exit status. */
    int terminate(int seconds) throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of its pipes and lose its last words.
        process.toHandle().destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            fail(name + " did not exit within " + seconds + " s of SIGTERM; stderr: " + stderr);
        }
        reader.join(TimeUnit.SECONDS.toMillis(5)); // its last lines
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
