package dev.stardust.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.Timers;
import dev.stardust.stream.Readable;
import dev.stardust.stream.Writable;
import dev.stardust.testing.LoopTester;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @Test
    void catEchoesStdinAndEmitsExitThenClose() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> events = new ArrayList<>();
        LoopTester.run(t -> {
            ChildProcess cat = ChildProcess.spawn("cat", List.of());
            assertTrue(cat.pid().isPresent());
            cat.on("spawn", t.expect((Object none) -> events.add("spawn")));
            cat.stdout().orElseThrow().onData((Buffer b) -> out.writeBytes(b.toByteArray()));
            cat.on("exit", t.expect((ExitStatus s) -> events.add("exit " + s)));
            cat.on("close", t.expect((ExitStatus s) -> events.add("close " + s)));
            Writable<Buffer> in = cat.stdin().orElseThrow();
            in.write(Buffer.from("hello "));
            in.end(Buffer.from("cat"));
        });
        assertEquals("hello cat", out.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("spawn", "exit exited(0)", "close exited(0)"), events);
    }

    @Test
    void argumentsNeedNoQuotingWithoutAShell() {
        AtomicReference<@Nullable ExecResult> result = new AtomicReference<>();
        LoopTester.run(t -> ChildProcess.execFile("sh", List.of("-c", "printf '%s|' \"$@\"; exit 3", "sh",
                "a b", "$HOME", "'q'")).onComplete(t.expect((r, e) -> result.set(r))));
        assertEquals("a b|$HOME|'q'|", result.get().stdout());
        assertEquals(3, result.get().code());
    }

    @Test
    void execUsesTheShellAndCollectsBothStreams() {
        AtomicReference<@Nullable ExecResult> result = new AtomicReference<>();
        LoopTester.run(t -> ChildProcess.exec("echo out; echo err >&2; exit 7")
                .onComplete(t.expect((r, e) -> result.set(r))));
        assertEquals("out\n", result.get().stdout());
        assertEquals("err\n", result.get().stderr());
        assertEquals(ExitStatus.exited(7), result.get().status());
    }

    @Test
    void cwdAndEnvReachTheChild(@TempDir java.nio.file.Path dir) {
        AtomicReference<@Nullable ExecResult> result = new AtomicReference<>();
        LoopTester.run(t -> ChildProcess.exec("pwd; echo $GREETING", SpawnOptions.defaults()
                .withCwd(dir.toString()).withEnv(Map.of("GREETING", "hi", "PATH", "/usr/bin:/bin")))
                .onComplete(t.expect((r, e) -> result.set(r))));
        assertEquals(dir.toAbsolutePath() + "\nhi\n", result.get().stdout());
    }

    @Test
    void killReportsTheSignal() {
        List<ExitStatus> statuses = new ArrayList<>();
        LoopTester.run(t -> {
            ChildProcess sleep = ChildProcess.spawn("sleep", List.of("30"));
            sleep.on("exit", t.expect((ExitStatus s) -> statuses.add(s)));
            Timers.setTimeout(() -> assertTrue(sleep.kill()), 20);
            ChildProcess hup = ChildProcess.spawn("sleep", List.of("30"));
            hup.on("exit", t.expect((ExitStatus s) -> statuses.add(s)));
            Timers.setTimeout(() -> assertTrue(hup.kill("SIGKILL")), 20);
        });
        assertTrue(statuses.contains(ExitStatus.signaled("SIGTERM")), statuses.toString());
        assertTrue(statuses.contains(ExitStatus.signaled("SIGKILL")), statuses.toString());
    }

    @Test
    void otherSignalsGoThroughKill() {
        AtomicReference<@Nullable ExitStatus> status = new AtomicReference<>();
        LoopTester.run(t -> {
            ChildProcess sleep = ChildProcess.spawn("sleep", List.of("30"));
            sleep.on("exit", t.expect((ExitStatus s) -> status.set(s)));
            Timers.setTimeout(() -> sleep.kill("HUP"), 20);
        });
        assertEquals(ExitStatus.signaled("SIGHUP"), status.get());
    }

    @Test
    void timeoutKillsTheChild() {
        AtomicReference<@Nullable ExecResult> result = new AtomicReference<>();
        long start = System.nanoTime();
        LoopTester.run(t -> ChildProcess.execFile("sleep", List.of("30"), SpawnOptions.defaults()
                .withTimeout(Duration.ofMillis(100)).withKillSignal("SIGKILL"))
                .onComplete(t.expect((r, e) -> result.set(r))));
        assertEquals(ExitStatus.signaled("SIGKILL"), result.get().status());
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }

    @Test
    void maxBufferKillsAndFails() {
        AtomicReference<@Nullable Throwable> error = new AtomicReference<>();
        LoopTester.run(t -> ChildProcess.exec("yes", SpawnOptions.defaults().withMaxBuffer(100_000))
                .onComplete(t.expect((r, e) -> error.set(e))));
        assertEquals("ERR_CHILD_PROCESS_STDIO_MAXBUFFER", assertInstanceOf(StardustException.class, error.get())
                .code());
    }

    @Test
    void missingProgramIsEnoent() {
        AtomicReference<@Nullable Throwable> error = new AtomicReference<>();
        LoopTester.run(t -> ChildProcess.spawn("/nonexistent/program", List.of())
                .on("error", t.expect((Throwable e) -> error.set(e))));
        StardustException e = assertInstanceOf(StardustException.class, error.get());
        assertEquals("ENOENT", e.code());
        assertEquals("ENOENT: spawn /nonexistent/program ENOENT", e.getMessage());
    }

    @Test
    void slowConsumerStopsTheReaderAtTheHighWaterMark() {
        long[] buffered = new long[1];
        LoopTester.run(t -> {
            ChildProcess yes = ChildProcess.spawn("yes", List.of());
            Readable<Buffer> out = yes.stdout().orElseThrow();
            out.pause();
            yes.onClose(t.expect((ExitStatus s) -> {
            }));
            Timers.setTimeout(() -> {
                buffered[0] = out.readableLength();
                yes.kill();
                out.resume();
            }, 300);
        });
        assertTrue(buffered[0] <= 2 * 64 * 1024, "buffered " + buffered[0] + " bytes while paused");
    }

    @Test
    void ignoredStreamsAreAbsent() {
        LoopTester.run(t -> {
            ChildProcess child = ChildProcess.spawn("sh", List.of("-c", "echo lost"),
                    SpawnOptions.defaults().withStdio(Stdio.IGNORE));
            assertTrue(child.stdout().isEmpty());
            assertTrue(child.stdin().isEmpty());
            child.on("close", t.expect((ExitStatus s) -> assertEquals(ExitStatus.exited(0), s)));
        });
    }
}
