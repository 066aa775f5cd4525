package dev.stardust.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code repl}: snippets run on the background loop, so loop-bound APIs work from the prompt. */
class ReplExampleTest {

    @Test
    void snippetsRunOnTheBackgroundLoop() throws Exception {
        String input = String.join("\n",
                "String where = Loop.current().name()",
                "System.out.println(\"on \" + where)",
                "Timers.setTimeout(() -> System.out.println(\"timer fired\"), 10)",
                "/exit", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        // Snippets run in this JVM and print to System.out; the loop closes (gracefully: the timer fires) after /exit.
        PrintStream original = System.out;
        int status;
        System.setOut(print);
        try {
            status = ReplExample.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), print, print, false);
        } finally {
            System.setOut(original);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        assertTrue(text.contains("on repl"), text);
        assertTrue(text.contains("timer fired"), text);
    }
}
