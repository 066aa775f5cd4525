package dev.stardust.net.internal;

import dev.stardust.Buffer;
import dev.stardust.net.Socket;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

/**
 * The readable side of a socket on its channel (node's {@code _read}): reading follows demand. The channel reads
 * from the kernel (auto-read) only while the readable side asks for data; once a push finds the readable side full,
 * auto-read goes off until the next {@code doRead}, so a slow consumer stops the peer instead of growing memory.
 * Demand that comes before the connection is up is remembered. Loop thread only.
 */
final class SocketInput {
    private final Socket socket;
    private final Runnable onActivity;
    private @Nullable Channel channel;
    private boolean connected;
    private boolean wanted;
    private long bytesRead;

    /** The input of {@code socket}; {@code onActivity} hears each read. */
    SocketInput(Socket socket, Runnable onActivity) {
        this.socket = socket;
        this.onActivity = onActivity;
    }

    /** Bytes read from the peer so far. */
    long bytesRead() {
        return bytesRead;
    }

    /** The socket's channel, from before it connects. */
    void attach(Channel ch) {
        channel = ch;
    }

    /** The connection is up: reading starts if it was asked for already. */
    void connected() {
        connected = true;
        Channel ch = channel;
        if (wanted && ch != null) {
            ch.config().setAutoRead(true);
        }
    }

    /** The readable side wants data: read from the kernel now, or once connected. */
    void request() {
        Channel ch = channel;
        if (connected && ch != null) {
            ch.config().setAutoRead(true);
        } else {
            wanted = true;
        }
    }

    /** Hands {@code data} to the readable side, and stops reading from the kernel when it is full. */
    void received(Buffer data) {
        bytesRead += data.length();
        onActivity.run();
        if (!socket.push(data)) {
            Channel ch = channel;
            if (ch != null) {
                ch.config().setAutoRead(false);
            }
        }
    }
}
