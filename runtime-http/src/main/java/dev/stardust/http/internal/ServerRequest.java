package dev.stardust.http.internal;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.http.Headers;
import dev.stardust.http.IncomingMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A request as the server received it. Its body arrives from the connection through {@link #body}; a push past the
 * high-water mark stops the connection from reading until {@link #doRead} asks for more.
 */
final class ServerRequest extends IncomingMessage {
    private final ServerConnection connection;
    private boolean dumping;
    private boolean aborted;

    ServerRequest(ServerConnection connection, String method, String url, String version, Headers headers,
            InetSocketAddress local, InetSocketAddress remote) {
        super(method, url, version, 0, "", headers, local, remote);
        this.connection = connection;
    }

    /** The request whose head {@code connection} decoded. */
    static ServerRequest received(ServerConnection connection, HttpRequest request) {
        return new ServerRequest(connection, request.method().name(), request.uri(),
                request.protocolVersion() == HttpVersion.HTTP_1_1 ? "1.1" : "1.0", ReceivedHeaders.of(request.headers()),
                PeerAddresses.of(connection.channel.localAddress()),
                PeerAddresses.of(connection.channel.remoteAddress()));
    }

    void body(Buffer chunk) {
        if (dumping || destroyed()) {
            return;
        }
        if (!push(chunk)) {
            connection.gate.pauseBody();
        }
    }

    void finish(Headers trailers) {
        markComplete(trailers);
        if (!destroyed()) {
            push(null);
        }
    }

    /**
     * The body was cut short: {@code aborted}, then {@code error} with ECONNRESET (or the parse error), never
     * {@code end}. As in node, the error is emitted only when someone listens for it: a handler that ignored the
     * body is not blamed for a client that went away.
     */
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

    /** The response ended before the body was read: discard the rest, as node's {@code _dump}. */
    void dump() {
        if (!complete() && !dumping) {
            dumping = true;
            connection.gate.resumeBody();
        }
    }

    @Override
    protected void doRead(int size) {
        connection.gate.resumeBody();
    }

    @Override
    protected void doDestroy(@Nullable Throwable error, Consumer<@Nullable Throwable> callback) {
        if (!complete() && !aborted) {
            aborted = true;
            connection.destroy();
        }
        callback.accept(error);
    }
}
