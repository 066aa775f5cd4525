package dev.stardust.http.internal;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.http.Headers;
import dev.stardust.http.IncomingMessage;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A response as the client received it; a full read buffer pauses the connection until {@link #doRead}. */
final class ClientResponse extends IncomingMessage {
    private final ClientConnection connection;
    private final RealClientRequest request;
    private boolean aborted;

    ClientResponse(ClientConnection connection, RealClientRequest request, int status, String reason,
            String version, Headers headers, InetSocketAddress local, InetSocketAddress remote) {
        super("", "", version, status, reason, headers, local, remote);
        this.connection = connection;
        this.request = request;
    }

    void body(Buffer chunk) {
        if (!destroyed() && !push(chunk)) {
            connection.autoRead(false);
        }
    }

    void finish(Headers trailers) {
        markComplete(trailers);
        if (!destroyed()) {
            push(null);
        }
    }

    /** Ended early: {@code aborted}, then the error on this stream if anyone listens, else on the request. */
    boolean abort(StardustException error) {
        if (aborted || complete()) {
            return false;
        }
        aborted = true;
        if (destroyed()) {
            return false;
        }
        emit("aborted");
        if (listenerCount("error") > 0) {
            destroy(error);
            return true;
        }
        destroy();
        return false;
    }

    @Override
    protected void doRead(int size) {
        connection.autoRead(true);
    }

    @Override
    protected void doDestroy(@Nullable Throwable error, Consumer<@Nullable Throwable> callback) {
        if (!complete() && !aborted) {
            aborted = true;
            request.destroyConnection();
        }
        callback.accept(error);
    }
}
