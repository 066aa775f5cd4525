package dev.stardust.http2.internal;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.http.Headers;
import dev.stardust.http.IncomingMessage;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A response received on a client's HTTP/2 stream: {@code :status} as the status code, the standard reason phrase
 * (HTTP/2 sends none), {@code httpVersion} {@code 2.0}. A full read buffer stops the stream being read, which closes
 * the server's window.
 */
final class ReceivedResponse extends IncomingMessage {
    private final ClientStream stream;
    private boolean aborted;

    ReceivedResponse(ClientStream stream, int status, String reason, Headers headers, InetSocketAddress local,
            InetSocketAddress remote) {
        super("", "", "2.0", status, reason, headers, local, remote);
        this.stream = stream;
    }

    boolean body(Buffer chunk) {
        return destroyed() || push(chunk);
    }

    void finish(Headers trailers) {
        markComplete(trailers);
        if (!destroyed()) {
            push(null);
        }
    }

    /** Ended early: {@code aborted}, then the error if anyone listens. */
    void abort(StardustException error) {
        if (aborted || complete() || destroyed()) {
            return;
        }
        aborted = true;
        emit("aborted");
        if (listenerCount("error") > 0) {
            destroy(error);
        } else {
            destroy();
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
