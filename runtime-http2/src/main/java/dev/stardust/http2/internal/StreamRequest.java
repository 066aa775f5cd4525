package dev.stardust.http2.internal;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.http.Headers;
import dev.stardust.http.IncomingMessage;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A request received on an HTTP/2 stream, as node's compatibility {@code Http2ServerRequest}: method and url from
 * the {@code :method} and {@code :path} pseudo-headers, which stay in {@link #headers()} as node keeps them, and
 * {@code httpVersion} {@code 2.0}. Its body is the stream's DATA; a push past the high-water mark stops the stream
 * from being read, so the client's flow-control window closes instead of memory filling.
 */
final class StreamRequest extends IncomingMessage {
    private final ServerStream stream;
    private boolean aborted;

    StreamRequest(ServerStream stream, String method, String url, Headers headers, InetSocketAddress local,
            InetSocketAddress remote) {
        super(method, url, "2.0", 0, "", headers, local, remote);
        this.stream = stream;
    }

    /** A chunk of the body; false when the reader wants no more for now. */
    boolean body(Buffer chunk) {
        if (destroyed()) {
            return true;
        }
        return push(chunk);
    }

    void finish(Headers trailers) {
        markComplete(trailers);
        if (!destroyed()) {
            push(null);
        }
    }

    /** The stream was reset or timed out before the body ended: {@code aborted}, and {@code error} if heard. */
    void abort(StardustException error) {
        if (aborted || complete()) {
            return;
        }
        aborted = true;
        if (!destroyed()) {
            emit("aborted");
            if (listenerCount("error") > 0) {
                destroy(error);
            } else {
                destroy();
            }
        }
    }

    @Override
    protected void doRead(int size) {
        stream.readMore();
    }

    @Override
    protected void doDestroy(@Nullable Throwable error, Consumer<@Nullable Throwable> callback) {
        if (!complete() && !aborted) {
            aborted = true;
            stream.reset();
        }
        callback.accept(error);
    }
}
