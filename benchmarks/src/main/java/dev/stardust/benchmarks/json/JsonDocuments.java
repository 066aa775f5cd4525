package dev.stardust.benchmarks.json;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Deterministic JSON documents of about a given size, in the shapes users send: {@code api}, an API payload of many
 * small user-like records; {@code numbers}, one large array of integers and decimals; {@code strings}, an array of
 * text with escapes and non-ASCII (accents, CJK, emoji); and a log of NDJSON lines ({@link #logLines}).
 */
final class JsonDocuments {
    private static final String[] WORDS = {"alpha", "café", "naïve", "日本語", "tab\\there", "quote \\\"q\\\"",
        "line\\nbreak", "emoji 😀", "slash \\/ back \\\\", "\\u00e9t\\u00e9", "plain", "Ünïcödé", "ümlaut",
        "python \\ud83d\\ude00"};

    private JsonDocuments() {}

    /** A document of {@code shape} ({@code api}, {@code numbers} or {@code strings}) of about {@code bytes}. */
    static byte[] of(String shape, int bytes) {
        return switch (shape) {
            case "api" -> ofSize(bytes);
            case "numbers" -> numbers(bytes);
            case "strings" -> strings(bytes);
            default -> throw new IllegalArgumentException("no document shape " + shape);
        };
    }

    /** An object holding an array of user-like records. */
    static byte[] ofSize(int bytes) {
        Random random = new Random(42);
        StringBuilder sb = new StringBuilder(bytes + 512);
        sb.append("{\"generated\":\"stardust\",\"items\":[");
        for (int i = 0; sb.length() < bytes - 2; i++) {
            if (i > 0) {
                sb.append(',');
            }
            record(sb, i, random);
        }
        sb.append("]}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void record(StringBuilder sb, int i, Random random) {
        sb.append("{\"id\":").append(i)
                .append(",\"name\":\"user ").append(Long.toString(random.nextLong() & 0xffffffL, 36))
                .append("\",\"email\":\"u").append(i).append("@example.com\"")
                .append(",\"active\":").append(random.nextBoolean())
                .append(",\"score\":").append(Math.round(random.nextDouble() * 10_000) / 100.0)
                .append(",\"tags\":[\"t").append(random.nextInt(10)).append("\",\"é").append(random.nextInt(5))
                .append("\"],\"address\":{\"city\":\"City ").append(random.nextInt(1000))
                .append("\",\"zip\":").append(10_000 + random.nextInt(90_000)).append(",\"geo\":[")
                .append(Math.round(random.nextDouble() * 1e6) / 1e4).append(',')
                .append(Math.round(random.nextDouble() * 1e6) / 1e4).append("]},\"note\":null}");
    }

    /** One array of integers (some beyond 32 bits) and decimals (prices, coordinates, measurements). */
    static byte[] numbers(int bytes) {
        Random random = new Random(7);
        StringBuilder sb = new StringBuilder(bytes + 64).append('[');
        for (int i = 0; sb.length() < bytes - 1; i++) {
            if (i > 0) {
                sb.append(',');
            }
            switch (i % 4) {
                case 0 -> sb.append(random.nextInt(1_000_000));
                case 1 -> sb.append(random.nextLong() >> 12);
                case 2 -> sb.append(Math.round(random.nextDouble() * 100_000) / 100.0);
                default -> sb.append(random.nextGaussian() * 1e3);
            }
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One array of strings mixing ASCII, escapes and non-ASCII text. */
    static byte[] strings(int bytes) {
        Random random = new Random(11);
        StringBuilder sb = new StringBuilder(bytes + 64).append('[');
        for (int i = 0; sb.length() < bytes - 1; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"');
            for (int w = 1 + random.nextInt(6); w > 0; w--) {
                sb.append(WORDS[random.nextInt(WORDS.length)]).append(w > 1 ? " " : "");
            }
            sb.append('"');
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** About {@code bytes} of NDJSON log lines: one small object per line, with a nested context object. */
    static byte[] logLines(int bytes) {
        Random random = new Random(3);
        String[] levels = {"info", "debug", "warn", "error"};
        StringBuilder sb = new StringBuilder(bytes + 256);
        for (int i = 0; sb.length() < bytes; i++) {
            sb.append("{\"ts\":").append(1_764_000_000_000L + i * 17L)
                    .append(",\"level\":\"").append(levels[random.nextInt(4)])
                    .append("\",\"msg\":\"request ").append(i).append(" served in ").append(random.nextInt(900))
                    .append(" ms\",\"ctx\":{\"path\":\"/api/v1/items/").append(random.nextInt(10_000))
                    .append("\",\"status\":").append(random.nextBoolean() ? 200 : 404)
                    .append(",\"latency\":").append(Math.round(random.nextDouble() * 1e5) / 1e3)
                    .append(",\"user\":\"ü").append(random.nextInt(100)).append("\"}}\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The same lines as one JSON array, for comparing the stream with a whole-document parse per byte. */
    static byte[] asArray(byte[] lines) {
        String text = new String(lines, StandardCharsets.UTF_8).strip();
        return ("[" + text.replace("\n", ",\n") + "]").getBytes(StandardCharsets.UTF_8);
    }
}
