package dev.stardust.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.Timer;
import dev.stardust.Timers;
import dev.stardust.process.internal.StdinReadable;
import dev.stardust.stream.Readable;
import dev.stardust.testing.LoopTester;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessTest {

    @Test
    void beforeExitMayScheduleMoreWorkAndExitFollowsOnceWithTheExitCode() {
        List<String> events = new ArrayList<>();
        LoopTester.run(t -> {
            Process process = Process.current();
            process.exitCode(3);
            int[] rounds = {0};
            process.on("beforeExit", (Integer code) -> {
                events.add("beforeExit " + code);
                if (++rounds[0] == 1) {
                    Timers.setTimeout(() -> events.add("more work"), 5);
                }
            });
            process.on("exit", (Integer code) -> events.add("exit " + code));
            Timers.setTimeout(() -> events.add("work"), 1);
        });
        assertEquals(List.of("work", "beforeExit 3", "more work", "beforeExit 3", "exit 3"), events);
    }

    @Test
    void signalSentToOurOwnPidArrivesOnTheLoop() {
        List<String> got = new ArrayList<>();
        LoopTester.run(t -> {
            Process process = Process.current();
            // The listener does not keep the loop alive (as in node): a timer does until the signal arrives.
            Timer guard = Timers.setTimeout(() -> { }, 5_000);
            process.once("SIGHUP", t.expect((String signal) -> {
                got.add(signal);
                guard.close();
            }));
            ChildProcess.spawn("kill", List.of("-HUP", Long.toString(process.pid())))
                    .on("exit", t.expect((ExitStatus s) -> assertEquals(ExitStatus.exited(0), s)));
        });
        assertEquals(List.of("SIGHUP"), got);
    }

    @Test
    void aPrependedSignalListenerCatchesTheSignalToo() {
        List<String> got = new ArrayList<>();
        LoopTester.run(t -> {
            Process process = Process.current();
            Timer guard = Timers.setTimeout(() -> { }, 5_000);
            // However a listener is added (on, once, prependListener), it installs the signal handler.
            process.prependListener("SIGHUP", t.expect((String signal) -> {
                got.add(signal);
                guard.close();
                process.removeAllListeners("SIGHUP");
            }));
            ChildProcess.spawn("kill", List.of("-HUP", Long.toString(process.pid())))
                    .onExit(t.expect((ExitStatus s) -> assertEquals(ExitStatus.exited(0), s)));
        });
        assertEquals(List.of("SIGHUP"), got);
    }

    @Test
    void stdinIsReadOnlyWhenConsumedAndEnds() {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        LoopTester.run(t -> {
            Readable<Buffer> stdin = StdinReadable.of(new ByteArrayInputStream("line 1\nline 2\n"
                    .getBytes(StandardCharsets.UTF_8)));
            stdin.onData(b -> got.writeBytes(b.toByteArray()));
            stdin.onEnd(t.expect(() -> { }));
        });
        assertEquals("line 1\nline 2\n", got.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unreadStdinDoesNotKeepTheLoopAlive() {
        LoopTester.run(t -> StdinReadable.of(new java.io.PipedInputStream()));
    }

    @Test
    void environmentArgumentsAndStandardOutput() {
        LoopTester.run(t -> {
            Process process = Process.current();
            assertEquals(System.getenv("PATH"), process.env("PATH").orElseThrow());
            assertFalse(process.env("STARDUST_SURELY_UNSET_VARIABLE").isPresent());
            assertTrue(process.argv().isEmpty() || process.argv().get(0).contains("java"), process.argv().toString());
            assertEquals(0, process.exitCode(7).exitCode() - 7);
            process.stdout().write(Buffer.from(""), t.expect(e -> assertEquals(null, e)));
            assertTrue(Process.current() == process);
        });
    }

    @Test
    void unknownSignalNamesAreRejected() {
        LoopTester.run(t -> {
            dev.stardust.StardustException e = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.stardust.StardustException.class, () -> Process.current().on("SIGNOPE", ignored -> { }));
            assertEquals("ERR_UNKNOWN_SIGNAL", e.code());
        });
    }
}
