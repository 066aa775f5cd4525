package dev.stardust.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Java snippet is the compiled {@code readme/Hello.java}, minus its package line, and is ten lines or
 * fewer; the consumer build ({@code examples/consumer/hello}) compiles the same text as a user's project.
 */
class ReadmeSnippetTest {

    @Test
    void readmeShowsTheCompiledHelloServer() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "README.md has a java code block");
        String source = Files.readString(Path.of("src/main/java/dev/stardust/examples/readme/Hello.java"));
        String withoutPackage = source.replaceFirst("package [^;]+;\\n\\n", "");
        assertEquals(withoutPackage, block.group(1));
        assertEquals(withoutPackage, Files.readString(Path.of("consumer/hello/src/main/java/Hello.java")),
                "the consumer build compiles the README's hello as it stands");
        long lines = withoutPackage.lines().filter(l -> !l.isBlank()).count();
        assertTrue(lines <= 10, "hello with imports and main takes " + lines + " lines");
    }
}
