package dev.stardust.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a node script over a table, for the tests that check Stardust against node's own answers: the script gets
 * the path of the input and of the output as {@code process.argv[1]} and {@code [2]}, and writes one answer a line.
 * One node process answers a whole table, so a table of thousands of cases costs one start of node.
 */
public final class NodeScript {
    private NodeScript() {
    }

    /** Runs {@code script} on {@code input} in {@code dir}; node's answer lines, or a failure with node's log. */
    public static List<String> run(Path dir, String script, String input) throws IOException, InterruptedException {
        Path in = dir.resolve("cases.txt");
        Path out = dir.resolve("answers.txt");
        Path log = dir.resolve("node.log");
        Files.writeString(in, input, StandardCharsets.UTF_8);
        Process node = new ProcessBuilder("node", "-e", script, in.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!node.waitFor(120, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("node did not answer within 120 s");
        }
        assertEquals(0, node.exitValue(), () -> "node failed: " + read(log));
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
