package dev.stardust.stream;

import dev.stardust.Buffer;

/** How much a chunk counts against a high-water mark, as in node: bytes, characters, or 1 for any other object. */
final class ChunkSize {
    private ChunkSize() {
    }

    static long of(Object chunk) {
        if (chunk instanceof Buffer b) {
            return b.length();
        }
        if (chunk instanceof CharSequence s) {
            return s.length();
        }
        if (chunk instanceof byte[] bytes) {
            return bytes.length;
        }
        return 1;
    }
}
