package dev.stardust.examples;

import dev.stardust.json.DuplicateKeys;
import dev.stardust.json.Json;
import dev.stardust.json.JsonException;
import dev.stardust.json.JsonStreamParser;
import dev.stardust.json.ParseOptions;
import dev.stardust.json.StringifyOptions;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code json-pretty [--strict] [FILE]}: luvit's {@code json.stringify(value, {beautify = true})} as a filter. Reads
 * one JSON document or a newline-delimited stream of them, chunk by chunk, and prints each value beautified as soon
 * as it is complete, so memory stays bounded by the largest value however long the input.
 */
public final class JsonPrettyExample implements Example {
    private static final StringifyOptions PRETTY = StringifyOptions.pretty();

    @Override
    public String name() {
        return "json-pretty";
    }

    @Override
    public String description() {
        return "[--strict] [FILE] print JSON or NDJSON from FILE or stdin beautified (comments allowed unless --strict)";
    }

    @Override
    public int run(String[] args) throws IOException {
        // System.out flushes on every println; a value-per-line filter wants one write per chunk instead
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024),
                false, StandardCharsets.UTF_8);
        return run(args, System.in, out, System.err);
    }

    int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) throws IOException {
        boolean strict = args.length > 0 && args[0].equals("--strict");
        String file = args.length > (strict ? 1 : 0) ? args[strict ? 1 : 0] : null;
        ParseOptions options = strict ? ParseOptions.strict()
                : ParseOptions.strict().withComments(true).withDuplicateKeys(DuplicateKeys.KEEP_LAST);
        JsonStreamParser parser = JsonStreamParser.values(options, v -> out.println(Json.stringify(v, PRETTY)));
        try (InputStream in = file == null ? stdin : new FileInputStream(file)) {
            byte[] chunk = new byte[64 * 1024];
            for (int n; (n = in.read(chunk)) >= 0; ) {
                parser.feed(chunk, 0, n);
                out.flush();
            }
            parser.end();
            out.flush();
            return 0;
        } catch (JsonException e) {
            out.flush();
            err.println("json-pretty: " + (file == null ? "<stdin>" : file) + ":" + e.line() + ":" + e.column()
                    + ": " + e.reason() + " (at " + e.path() + ")");
            if (!e.excerpt().isEmpty()) {
                err.println("  near: " + e.excerpt());
            }
            return 1;
        }
    }
}
