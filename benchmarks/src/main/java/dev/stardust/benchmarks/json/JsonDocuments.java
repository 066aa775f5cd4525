package dev.stardust.benchmarks.json;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Deterministic JSON documents of about a given size: an object holding an array of user-like records. */
final class JsonDocuments {
    private JsonDocuments() {}

    static byte[] ofSize(int bytes) {
        Random random = new Random(42);
        StringBuilder sb = new StringBuilder(bytes + 512);
        sb.append("{\"generated\":\"stardust\",\"items\":[");
        for (int i = 0; sb.length() < bytes - 2; i++) {
            if (i > 0) {
                sb.append(',');
            }
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
        sb.append("]}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
