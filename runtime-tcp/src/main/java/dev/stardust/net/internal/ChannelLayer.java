package dev.stardust.net.internal;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;

/**
 * A protocol layer a socket puts between its channel and its bridge, such as TLS: {@link #install} adds the
 * layer's handlers and returns the future of the layer being established (the handshake). The socket counts as
 * connected, and its server emits the connection, only once that future succeeds; a failure destroys the socket.
 */
public interface ChannelLayer {
    /** Adds the layer's handlers to {@code ch}'s pipeline; {@code host} and {@code port} name the peer a client dials. */
    Future<?> install(Channel ch, boolean client, String host, int port);

    /** Ends the layer's output (TLS close_notify) before the socket shuts down its TCP output; completes after. */
    Future<?> closeOutbound(Channel ch);

    /** Turns a failure of the future {@link #install} returned into the error the socket is destroyed with. */
    Throwable error(Throwable cause);
}
