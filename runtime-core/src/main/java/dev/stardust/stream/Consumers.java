package dev.stardust.stream;

import dev.stardust.Buffer;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.RealLoop;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * node's {@code stream/consumers}: the whole of a byte stream (a request or response body, a file, a socket) as one
 * value, once it ended. Each takes a cap on the bytes it keeps: past it the source is destroyed, so reading stops
 * and memory stays bounded, and the promise fails with {@code ERR_BODY_TOO_LARGE} naming the cap (an HTTP server
 * answers 413). A source that fails fails the promise with its error, one that closes before its end with
 * {@code ERR_STREAM_PREMATURE_CLOSE}; the promise is the one report of it. Loop thread only.
 */
public final class Consumers {
    private Consumers() {
    }

    /**
     * The bytes of {@code source} up to its end, at most {@code maxBytes} of them (node's
     * {@code consumers.buffer(stream)}); starts the flow if the source is not flowing yet.
     */
    public static Promise<Buffer> buffer(ReadableStream<Buffer> source, int maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, got " + maxBytes);
        }
        LoopPromise<Buffer> promise = new LoopPromise<>(RealLoop.current());
        List<Buffer> chunks = new ArrayList<>();
        long[] total = new long[1];
        boolean[] settled = new boolean[1];
        Consumer<Buffer> onData = chunk -> {
            if (settled[0]) {
                return;
            }
            total[0] += chunk.length();
            if (total[0] > maxBytes) {
                settled[0] = true;
                chunks.clear();
                promise.reject(new StardustException("ERR_BODY_TOO_LARGE",
                        "the body is larger than the limit of " + maxBytes + " bytes"));
                source.destroy();
                return;
            }
            chunks.add(chunk);
        };
        EndOfStream.watch(source, true, false, error -> {
            if (settled[0]) {
                return;
            }
            settled[0] = true;
            if (error == null) {
                promise.resolve(Buffer.concat(chunks));
            } else {
                promise.reject(error);
            }
        });
        source.onData(onData);
        source.resume();
        return promise;
    }

    /**
     * The bytes of {@code source} up to its end decoded as UTF-8, at most {@code maxBytes} bytes of it (node's
     * {@code consumers.text(stream)}); malformed sequences become U+FFFD.
     */
    public static Promise<String> text(ReadableStream<Buffer> source, int maxBytes) {
        return buffer(source, maxBytes).map(body -> body.toString(StandardCharsets.UTF_8));
    }
}
