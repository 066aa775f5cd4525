package dev.stardust.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Query strings parse and serialise as node's {@code URLSearchParams}: checked against node itself. */
class SearchParamsTest {

    /** Inputs at the edges of the form-urlencoded rules. */
    private static final List<String> QUERIES = List.of(
            "", "?", "a=1", "?a=1&b=2", "a=1&a=2&a=3", "a", "a=", "=x", "&&a=1&&", "a=b=c", "x=a+b%20c",
            "%41%42=%43", "bad=%zz%4", "pct=%", "utf=%C3%A9t%C3%A9", "broken=%C3", "sp ace=v", "q=%2B%26%3D",
            "emoji=%F0%9F%98%80", "mixed=caf\u00e9", "plus=%2b+", "semi=a;b", "a=1&b&c=&=d&e=5");

    @Test
    void pairsAreReadByNameWithRepeatsAndEmptyValues() {
        SearchParams p = SearchParams.parse("?tag=a&tag=b&q=hello+world&empty");
        assertEquals(Optional.of("a"), p.get("tag"));
        assertEquals(List.of("a", "b"), p.getAll("tag"));
        assertEquals(Optional.of("hello world"), p.get("q"));
        assertEquals(Optional.of(""), p.get("empty"));
        assertTrue(p.has("empty"));
        assertFalse(p.has("missing"));
        assertEquals(List.of("tag", "q", "empty"), List.copyOf(p.names()));
        assertEquals(4, p.size());
    }

    @Test
    void everyEdgeCaseMatchesNode(@TempDir Path dir) throws Exception {
        Path inputs = dir.resolve("queries.txt");
        Files.write(inputs, QUERIES, StandardCharsets.UTF_8);
        // One node process answers for every input: its pairs, and its serialisation, one line each.
        String script = "const lines = require('fs').readFileSync(process.argv[1], 'utf8').split('\\n');\n"
                + "for (const q of lines.slice(0, " + QUERIES.size() + ")) {\n"
                + "  const p = new URLSearchParams(q);\n"
                + "  console.log(JSON.stringify([[...p.entries()], p.toString()]));\n"
                + "}\n";
        List<String> node = run(List.of("node", "-e", script, inputs.toString()));
        assertEquals(QUERIES.size(), node.size(), String.join("\n", node));
        for (int i = 0; i < QUERIES.size(); i++) {
            SearchParams ours = SearchParams.parse(QUERIES.get(i));
            assertEquals(node.get(i), json(ours), "query " + QUERIES.get(i));
        }
    }

    /** Ours in node's shape: {@code [[[name, value], ...], serialised]}. */
    private static String json(SearchParams p) {
        StringBuilder sb = new StringBuilder("[[");
        for (int i = 0; i < p.entries().size(); i++) {
            Map.Entry<String, String> e = p.entries().get(i);
            sb.append(i == 0 ? "" : ",").append('[').append(quote(e.getKey())).append(',').append(quote(e.getValue()))
                    .append(']');
        }
        return sb.append("],").append(quote(p.toString())).append(']').toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static List<String> run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        List<String> lines = new ArrayList<>();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("node did not finish");
        }
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        assertEquals(0, p.exitValue(), String.join("\n", lines));
        return lines;
    }
}
