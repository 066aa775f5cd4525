package dev.stardust.http;

import dev.stardust.Loop;
import java.util.Locale;

/**
 * The program {@link PromptExitTest} runs in a child JVM: one outbound GET to the URL in its argument, then, once
 * {@code Loop.run} has returned, a marker line (the status and the milliseconds from the response's end to
 * {@code Loop.run} returning) and the names of the non-daemon threads still alive (any of them would keep the JVM
 * from exiting). {@code main} then returns and the JVM should end at once.
 */
public final class PromptExitChild {
    /** The line printed right after {@code Loop.run} returns. */
    static final String MARKER = "LOOP_RETURNED";
    /** The prefix of each line naming a non-daemon thread other than main. */
    static final String LINGERING = "LINGERING ";

    private PromptExitChild() {
    }

    public static void main(String[] args) {
        int[] status = {0};
        long[] ended = {0};
        Loop.run(() -> Http.get(args[0], res -> {
            status[0] = res.statusCode();
            res.onData(chunk -> { });
            res.onEnd(() -> ended[0] = System.nanoTime());
        }).on("error", (Throwable e) -> System.out.println("ERROR " + e)));
        double loopTail = (System.nanoTime() - ended[0]) / 1e6;
        StringBuilder report = new StringBuilder(MARKER + " " + status[0] + " "
                + String.format(Locale.ROOT, "%.1f", loopTail) + "\n");
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.isDaemon() && t != Thread.currentThread() && t.isAlive()) {
                report.append(LINGERING).append(t.getName()).append('\n');
            }
        }
        System.out.print(report);
        System.out.flush();
    }
}
