package dev.stardust.http;

import dev.stardust.Loop;
import dev.stardust.net.Net;
import dev.stardust.net.Socket;
import java.net.URI;
import java.util.Locale;

/**
 * The program {@link PromptExitTest} runs in a child JVM: one outbound connection to the URL in its second argument,
 * as an HTTP GET ({@code http}) or a bare TCP connection that it ends at once ({@code net}); then, once
 * {@code Loop.run} has returned, a marker line (the outcome, and the milliseconds from the connection's end to
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
        String[] outcome = {"none"};
        long[] ended = {0};
        if (args[0].equals("net")) {
            URI target = URI.create(args[1]);
            Loop.run(() -> {
                Socket socket = Net.connect(target.getPort(), target.getHost(), () -> outcome[0] = "connected");
                socket.onClose(() -> ended[0] = System.nanoTime());
                socket.on("error", (Throwable e) -> outcome[0] = "error:" + e);
                socket.end();
            });
        } else {
            Loop.run(() -> Http.get(args[1], res -> {
                outcome[0] = String.valueOf(res.statusCode());
                res.onData(chunk -> { });
                res.onEnd(() -> ended[0] = System.nanoTime());
            }).on("error", (Throwable e) -> outcome[0] = "error:" + e));
        }
        double loopTail = (System.nanoTime() - ended[0]) / 1e6;
        StringBuilder report = new StringBuilder(MARKER + " " + outcome[0].replace(' ', '_') + " "
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
