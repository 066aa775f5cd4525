package dev.stardust.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A README snippet kept identical to the example it comes from: the lines between {@code // readme:NAME begin} and
 * {@code // readme:NAME end} in the example's source, less their method-body indent, stand in README.md verbatim.
 */
final class ReadmeRegion {
    private ReadmeRegion() {
    }

    static void assertReadmeShows(String name, String exampleFile) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String source = Files.readString(Path.of("src/main/java/dev/stardust/examples", exampleFile));
        Matcher region = Pattern.compile("// readme:" + name + " begin\\n(.*?)\\n\\s*// readme:" + name + " end",
                Pattern.DOTALL).matcher(source);
        assertTrue(region.find(), exampleFile + " marks the README's region");
        String snippet = region.group(1).lines().map(line -> line.length() >= 8 ? line.substring(8) : line.strip())
                .collect(Collectors.joining("\n", "", "\n"));
        assertTrue(readme.contains("```java\n" + snippet + "```"), "README.md shows, verbatim:\n" + snippet);
    }
}
