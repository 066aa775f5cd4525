package dev.stardust.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A program run by {@code Loop.run} ends as a node program does, checked on the real exit status of a child JVM: an
 * error nobody handled ends it with 1 at once, {@code exitCode} is its status when the loop ends by itself, and
 * {@code uncaughtException}/{@code unhandledRejection} listeners let it go on.
 */
class ExitStatusTest {

    private record Outcome(int status, String out, String err) {
    }

    @Test
    void aProgramThatEndsByItselfExitsZeroAndLoopRunReturns() throws Exception {
        Outcome o = run("ends-normally");
        assertEquals(0, o.status, o.err);
        assertEquals("timer ran\nLoop.run returned\n", o.out);
    }

    @Test
    void aThrowInMainEndsTheProgramWithStatusOne() throws Exception {
        Outcome o = run("throws-in-main");
        assertEquals(1, o.status);
        assertTrue(o.err.contains("IllegalStateException: thrown by main"), o.err);
        assertFalse(o.out.contains("Loop.run returned"), o.out);
    }

    @Test
    void aThrowInATimerEndsTheProgramAtOnceWithStatusOne() throws Exception {
        Outcome o = run("throws-in-timer");
        assertEquals(1, o.status);
        assertTrue(o.err.contains("thrown by a timer"), o.err);
        assertEquals("", o.out);
    }

    @Test
    void anErrorEventNobodyHeardEndsTheProgramWithStatusOne() throws Exception {
        Outcome o = run("unheard-error-event");
        assertEquals(1, o.status);
        assertTrue(o.err.contains("nobody heard"), o.err);
    }

    @Test
    void aFailedPromiseNobodyHandledEndsTheProgramWithStatusOne() throws Exception {
        Outcome o = run("unhandled-rejection");
        assertEquals(1, o.status);
        assertTrue(o.err.contains("ERR_UNHANDLED_REJECTION") && o.err.contains("nobody handled"), o.err);
    }

    @Test
    void theExitCodeIsTheStatusWhenTheLoopEndsByItself() throws Exception {
        Outcome o = run("exit-code");
        assertEquals(2, o.status, o.err);
        assertEquals("still ran to the end\n", o.out);
    }

    @Test
    void anUncaughtExceptionListenerDecidesAndTheProgramGoesOn() throws Exception {
        Outcome o = run("uncaught-exception-listener");
        assertEquals(0, o.status, o.err);
        assertEquals("caught: thrown by a timer\nwent on\nLoop.run returned\n", o.out);
    }

    @Test
    void anUnhandledRejectionListenerGetsThePromisesError() throws Exception {
        Outcome o = run("unhandled-rejection-listener");
        assertEquals(0, o.status, o.err);
        assertEquals("rejection: nobody handled\nLoop.run returned\n", o.out);
    }

    @Test
    void anUncaughtExceptionListenerThatThrowsEndsTheProgram() throws Exception {
        Outcome o = run("listener-throws");
        assertEquals(1, o.status);
        assertTrue(o.err.contains("the listener failed too"), o.err);
    }

    private static Outcome run(String scenario) throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-XX:TieredStopAtLevel=1", "-Xmx64m", "-cp", classPath,
                ExitStatusChild.class.getName(), scenario);
        java.lang.Process child = new ProcessBuilder(command).start();
        child.getOutputStream().close();
        // Read both streams on threads of their own so that neither pipe fills and blocks the child.
        StreamText out = new StreamText(child.getInputStream());
        StreamText err = new StreamText(child.getErrorStream());
        if (!child.waitFor(30, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError(scenario + ": the child did not end within 30 s; stderr: " + err.text());
        }
        return new Outcome(child.exitValue(), out.text(), err.text());
    }

    /** Collects a child's output stream on a thread of its own. */
    private static final class StreamText {
        private final Thread reader;
        private volatile String text = "";

        StreamText(java.io.InputStream in) {
            reader = new Thread(() -> {
                try {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    text = "unreadable: " + e;
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        String text() throws InterruptedException {
            reader.join(10_000);
            return text;
        }
    }
}
