package dev.stardust.stream;

import dev.stardust.Buffer;
import java.nio.charset.Charset;

/**
 * A stream of bytes that also takes text, as node's byte streams take strings: sockets, HTTP requests and
 * responses, the process's standard output. Text is encoded once, on the way in.
 */
public interface BufferWritable extends WritableStream<Buffer> {

    /** Writes {@code text} as UTF-8 (node's {@code write(string)}); returns false when the caller should wait for {@code drain}. */
    default boolean write(String text) {
        return write(Buffer.from(text));
    }

    /** Writes {@code text} in {@code charset} (node's {@code write(string, encoding)}). */
    default boolean write(String text, Charset charset) {
        return write(Buffer.from(text, charset));
    }

    /** Writes {@code text} as UTF-8, then ends the stream (node's {@code end(string)}). */
    default BufferWritable end(String text) {
        end(Buffer.from(text));
        return this;
    }
}
