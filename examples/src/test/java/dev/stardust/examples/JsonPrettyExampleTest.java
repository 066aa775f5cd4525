package dev.stardust.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code json-pretty}: beautifies files and stdin, reports errors with their place, streams NDJSON. */
class JsonPrettyExampleTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(InputStream stdin, String... args) throws IOException {
        return new JsonPrettyExample().run(args, stdin, new PrintStream(out, false, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static InputStream stdin(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void beautifiesAFileWithComments(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "// settings\n{\"port\": 8080, \"hosts\": [\"a\", \"b\"]}\n");
        assertEquals(0, run(stdin(""), file.toString()));
        assertEquals("{\n  \"port\": 8080,\n  \"hosts\": [\n    \"a\",\n    \"b\"\n  ]\n}\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void strictRefusesCommentsAndReportsWhere() throws IOException {
        assertEquals(1, run(stdin("{\"a\": 1}\n// no\n"), "--strict"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("json-pretty: <stdin>:2:1: "), message);
        assertTrue(message.contains("near: "), message);
        assertEquals("{\n  \"a\": 1\n}\n", out.toString(StandardCharsets.UTF_8), "values before the error are printed");
    }

    @Test
    void printsEachValueOfAnEndlessStreamBeforeTheStreamEnds() throws IOException {
        byte[] line = "{\"n\": 1}\n".getBytes(StandardCharsets.UTF_8);
        int lines = 200_000; // 1.8 MB of input through 64 KiB reads
        boolean[] printedWhileReading = {false};
        InputStream endless = new InputStream() {
            private long served;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served == (long) lines * line.length) {
                    return -1;
                }
                if (served > 0 && out.size() > 0) {
                    printedWhileReading[0] = true;
                }
                int n = 0;
                while (n + line.length <= len && served < (long) lines * line.length) {
                    System.arraycopy(line, 0, b, off + n, line.length);
                    n += line.length;
                    served += line.length;
                }
                return n;
            }
        };
        assertEquals(0, run(endless));
        assertTrue(printedWhileReading[0], "output appeared before the input ended");
        assertEquals((long) lines * "{\n  \"n\": 1\n}\n".length(), out.size());
    }
}
