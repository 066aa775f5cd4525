package dev.stardust.json;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds JSONTestSuite's {@code test_parsing} directory: the system property {@code stardust.jsonTestSuite} (the
 * suite's root) if set, else the copy bundled in this module's test resources, else {@code shared/conformance/
 * JSONTestSuite} found by walking up from the working directory. Not finding it fails the test.
 */
final class Corpus {
    private Corpus() {}

    static Path testParsing() {
        String property = System.getProperty("stardust.jsonTestSuite");
        if (property != null) {
            return existing(Path.of(property).resolve("test_parsing"), "system property stardust.jsonTestSuite");
        }
        URL bundled = Corpus.class.getResource("/JSONTestSuite/test_parsing");
        if (bundled != null && "file".equals(bundled.getProtocol())) {
            try {
                return Path.of(bundled.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/conformance/JSONTestSuite/test_parsing");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return fail("JSONTestSuite not found: set -Dstardust.jsonTestSuite=<suite root>, restore "
                + "src/test/resources/JSONTestSuite, or run below a directory holding shared/conformance/JSONTestSuite");
    }

    /** Every {@code .json} file of the suite, sorted by name. */
    static List<Path> files() {
        try (Stream<Path> s = Files.list(testParsing())) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            if (files.size() < 300) {
                fail("JSONTestSuite looks incomplete: " + files.size() + " files in " + testParsing());
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path existing(Path dir, String source) {
        if (!Files.isDirectory(dir)) {
            fail("JSONTestSuite not found at " + dir + " (from " + source + ")");
        }
        return dir;
    }
}
