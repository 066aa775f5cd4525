package dev.stardust.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A headless Chromium (Debian's {@code chromium}, which {@code .ci/run} installs) for the tests that need a real
 * browser: it opens the given pages with a fresh profile in a temporary directory and listens for DevTools on an
 * ephemeral loopback port ({@link #devToolsUrl}), for a test that drives the pages. {@link #close()} kills the whole
 * process tree (the browser, its zygote, renderers and utility processes) and deletes the profile. Flags: the new
 * headless mode, no sandbox (tests run as root), no GPU, no first-run or background work that would reach the net.
 */
public final class Chromium implements AutoCloseable {
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final int LOG_LINES = 40;

    private final Process process;
    private final Path profile;
    private final CompletableFuture<String> devTools = new CompletableFuture<>();
    private final Deque<String> log = new ArrayDeque<>();

    private Chromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
    }

    /** Starts the browser on {@code urls} (none: a blank page). */
    public static Chromium launch(String... urls) throws IOException {
        Path profile = Files.createTempDirectory("stardust-chromium");
        List<String> command = new ArrayList<>(List.of("chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--mute-audio",
                "--window-size=800,600", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile));
        command.addAll(List.of(urls));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Chromium chromium = new Chromium(process, profile);
        Thread reader = new Thread(chromium::readLog, "chromium-log");
        reader.setDaemon(true);
        reader.start();
        return chromium;
    }

    /** Reads the browser's stderr to its end: its DevTools address, and the last lines for failure messages. */
    private void readLog() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                Matcher m = DEVTOOLS.matcher(line);
                if (m.find()) {
                    devTools.complete(m.group(1));
                }
                synchronized (log) {
                    log.add(line);
                    if (log.size() > LOG_LINES) {
                        log.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // The browser was killed: its log ends here.
        }
        devTools.completeExceptionally(new AssertionError("chromium ended without DevTools:\n" + log()));
    }

    /** The browser's DevTools WebSocket URL ({@code ws://127.0.0.1:PORT/devtools/browser/ID}), once it listens. */
    public String devToolsUrl(Duration timeout) {
        try {
            return devTools.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("chromium did not start DevTools within " + timeout + ":\n" + log());
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The last lines the browser wrote to stderr, to explain a failure. */
    public String log() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    /** Whether the browser process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the browser and every process it started, waits for them (10 s at most), and deletes the profile. */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                throw new AssertionError("chromium process " + p.pid() + " outlived its kill", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
