package dev.stardust.stream;

import dev.stardust.Buffer;

/**
 * node's {@code readline} over any byte stream, a socket, a file or {@code Process.current().stdin()}: the bytes as a
 * stream of lines, so a line protocol is a few lines of code.
 *
 * <pre>{@code
 * Lines.from(socket).onData(line -> socket.write("you said: " + line + "\n"));
 * }</pre>
 *
 * <p>Lines are split on {@code \n} and decoded as UTF-8 one by one (a character split across chunks comes out
 * whole); a {@code \r} before the {@code \n} is dropped, and a last line without a newline is delivered at the end.
 * Backpressure crosses it: while the line stream is paused or full its source is paused. A line longer than the
 * limit (bytes, without its line break) destroys the line stream with {@code ERR_LINE_TOO_LONG}, and so the source:
 * a peer that never sends a newline cannot make memory grow. The source's {@code error} becomes the line stream's
 * (listen on the line stream); destroying the line stream destroys a source that has not ended. Loop thread only.
 */
public final class Lines {
    /** The default limit on a line: 64 KiB of UTF-8, without its line break. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

    private Lines() {
    }

    /**
     * The lines of {@code source}, each at most {@link #DEFAULT_MAX_LINE_LENGTH} bytes (node's
     * {@code readline.createInterface({input})} and its {@code line} events).
     */
    public static Readable<String> from(ReadableStream<Buffer> source) {
        return from(source, DEFAULT_MAX_LINE_LENGTH);
    }

    /** The lines of {@code source}, each at most {@code maxLineLength} bytes of UTF-8 without its line break. */
    public static Readable<String> from(ReadableStream<Buffer> source, int maxLineLength) {
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength must be positive, got " + maxLineLength);
        }
        return new LineSplitter(source, maxLineLength);
    }
}
