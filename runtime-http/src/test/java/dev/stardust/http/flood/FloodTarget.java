package dev.stardust.http.flood;

import dev.stardust.Loop;
import dev.stardust.http.Http;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * The server {@code BoundedMemoryTest} runs in a child JVM with a small fixed heap: {@code /} answers "Hello world"
 * at once, {@code /sink} never reads its body nor answers, {@code /heap} answers the heap in use after a full GC.
 * Prints {@code listening PORT} once it accepts connections.
 */
public final class FloodTarget {
    private FloodTarget() {
    }

    public static void main(String[] args) {
        Loop.run(() -> Http.createServer((req, res) -> {
            switch (req.path()) {
                case "/sink" -> { } // neither reads the body nor answers: the client's upload must stall
                case "/heap" -> {
                    System.gc();
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    res.end(Long.toString(used));
                }
                default -> {
                    res.writeHead(200, Map.of("Content-Type", "text/plain"));
                    res.end("Hello world\n");
                }
            }
        }).listen(0, "127.0.0.1").onSuccess(server -> {
            System.out.println("listening " + server.address().port());
            System.out.flush();
        }));
    }
}
