package dev.stardust.stream;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The stream {@link Lines#from} returns: splits the source's bytes at {@code \n}, keeping the bytes of an unfinished
 * line (at most the limit, plus one for a {@code \r}) until its end arrives, and pauses the source while its own
 * buffer is full. It starts reading the source when first read from itself.
 */
final class LineSplitter extends Readable<String> {
    /** node's default for object streams: 16 lines wait to be read before the source is paused. */
    private static final int HIGH_WATER_MARK = 16;

    private final ReadableStream<Buffer> source;
    private final int maxLineLength;
    private final Consumer<Buffer> onData = this::onChunk;
    private byte[] partial = new byte[0];
    private int partialLength;
    private boolean started;

    LineSplitter(ReadableStream<Buffer> source, int maxLineLength) {
        super(HIGH_WATER_MARK);
        this.source = source;
        this.maxLineLength = maxLineLength;
        source.onError(this::destroy);
        source.onEnd(this::sourceEnded);
        // A source closed before its end (destroyed by its owner) closes the lines too, without an error of its own.
        source.onClose(() -> {
            if (!source.readableEnded()) {
                destroy();
            }
        });
    }

    private void sourceEnded() {
        if (!destroyed()) {
            if (partialLength > 0) {
                pushPartial();
            }
            push(null);
        }
    }

    @Override
    protected void doRead(int size) {
        if (!started) {
            started = true;
            source.onData(onData);
        }
        source.resume();
    }

    @Override
    protected void doDestroy(@Nullable Throwable error, Consumer<@Nullable Throwable> callback) {
        source.off("data", onData);
        partial = new byte[0];
        if (!source.readableEnded() && !source.destroyed()) {
            source.destroy();
        }
        callback.accept(error);
    }

    private void onChunk(Buffer chunk) {
        if (destroyed()) {
            return;
        }
        boolean room = true;
        int start = 0;
        for (int newline = chunk.indexOf((byte) '\n', 0); newline >= 0;
                newline = chunk.indexOf((byte) '\n', start)) {
            if (partialLength == 0) {
                room = pushLine(chunk.slice(start, newline)) && room;
            } else {
                append(chunk.slice(start, newline));
                room = !destroyed() && pushPartial() && room;
            }
            if (destroyed()) {
                return;
            }
            start = newline + 1;
        }
        if (start < chunk.length()) {
            append(chunk.slice(start));
        }
        if (!room && !destroyed()) {
            source.pause();
        }
    }

    /** Keeps the bytes of an unfinished line, failing once they pass the limit (one more for a {@code \r}). */
    private void append(Buffer bytes) {
        int length = partialLength + bytes.length();
        if (length > maxLineLength + 1) {
            tooLong();
            return;
        }
        if (length > partial.length) {
            partial = Arrays.copyOf(partial, Math.min(maxLineLength + 1, Math.max(length, partial.length * 2)));
        }
        bytes.asByteBuffer().get(partial, partialLength, bytes.length());
        partialLength = length;
    }

    private boolean pushLine(Buffer line) {
        int length = line.length();
        if (length > 0 && line.get(length - 1) == '\r') {
            length--;
        }
        if (length > maxLineLength) {
            tooLong();
            return false;
        }
        return push(line.slice(0, length).toString(StandardCharsets.UTF_8));
    }

    private boolean pushPartial() {
        int length = partialLength;
        partialLength = 0;
        if (length > 0 && partial[length - 1] == '\r') {
            length--;
        }
        if (length > maxLineLength) {
            tooLong();
            return false;
        }
        return push(new String(partial, 0, length, StandardCharsets.UTF_8));
    }

    private void tooLong() {
        destroy(new StardustException("ERR_LINE_TOO_LONG",
                "a line is longer than the limit of " + maxLineLength + " bytes"));
    }
}
