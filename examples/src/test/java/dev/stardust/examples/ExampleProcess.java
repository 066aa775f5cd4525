package dev.stardust.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An example run as a real process ({@code java ... Main NAME ARGS}, on the test's class path), its output lines
 * collected as they come, for tests that kill and restart programs. {@link #close()} kills it if still running.
 */
final class ExampleProcess implements AutoCloseable {
    final Process process;
    final List<String> out = new CopyOnWriteArrayList<>();
    final List<String> err = new CopyOnWriteArrayList<>();
    private final Object changed = new Object();

    private ExampleProcess(Process process) {
        this.process = process;
        collect(process.getInputStream(), out, "stdout");
        collect(process.getErrorStream(), err, "stderr");
    }

    /** Starts {@code java -cp <test class path> dev.stardust.examples.Main args...} in a small heap. */
    static ExampleProcess start(String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx64m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return new ExampleProcess(new ProcessBuilder(command).start());
    }

    private void collect(InputStream stream, List<String> into, String name) {
        // A thread per stream: a reader blocks, and the common pool may have one worker on a small machine.
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    into.add(line);
                    synchronized (changed) {
                        changed.notifyAll();
                    }
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "example-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** The first line of {@code lines} that matches, waiting for it up to {@code seconds}; fails with the output. */
    String await(List<String> lines, Predicate<String> match, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (changed) {
            while (true) {
                for (String line : lines) {
                    if (match.test(line)) {
                        return line;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("no such line within " + seconds + " s; stderr: " + err
                            + "; stdout lines: " + out.size());
                }
                changed.wait(left);
            }
        }
    }

    /** Waits until {@code lines} holds at least {@code count} lines, up to {@code seconds}. */
    void awaitCount(List<String> lines, int count, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (changed) {
            while (lines.size() < count) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError(lines.size() + " lines of " + count + " within " + seconds + " s; "
                            + "stderr: " + err);
                }
                changed.wait(left);
            }
        }
    }

    /** SIGKILL, as a crash: no shutdown hook, no close of its connections but the kernel's. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
