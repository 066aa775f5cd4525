package dev.stardust.zlib.internal;

import dev.stardust.Buffer;
import java.util.function.Consumer;

/**
 * A compressor or decompressor fed chunk by chunk: {@link #update} and {@link #finish} hand output chunks to the
 * sink and throw {@link dev.stardust.StardustException} with node's zlib codes on bad input or too much output.
 * Not thread-safe; {@link #close} frees the native zlib state and may be called more than once.
 */
public interface Codec extends AutoCloseable {
    /** Processes {@code input}, handing any output to {@code out}. */
    void update(Buffer input, Consumer<Buffer> out);

    /** Ends the input and hands the remaining output to {@code out}. */
    void finish(Consumer<Buffer> out);

    @Override
    void close();
}
