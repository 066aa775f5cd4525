package dev.stardust.http.internal;

import dev.stardust.internal.RealLoop;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;

/**
 * Whether a server connection reads, which keeps its memory bounded whatever the peer does. Reading stops while the
 * handler's body stream is full, while a pipelined request waits in the backlog, or while the channel cannot take more
 * output (a client that does not read its responses); in the last two cases the decoder also holds the next request
 * back as bytes. Reading and decoding resume once every reason is gone.
 */
final class ReadGate {
    private final ServerConnection connection;
    private final Channel channel;
    private final RealLoop loop;
    private boolean bodyPaused;
    private boolean backlogPaused;
    private boolean writePaused;
    private boolean resumeScheduled;

    ReadGate(ServerConnection connection, RealLoop loop) {
        this.connection = connection;
        this.channel = connection.channel;
        this.loop = loop;
    }

    /** The decoder's question before each request: wait while output is stuck or a pipelined request waits. */
    boolean holdNextRequest() {
        return writePaused || connection.hasBacklog();
    }

    void writability(boolean writable) {
        if (writePaused == writable) {
            writePaused = !writable;
            update();
        }
    }

    void pauseBody() {
        if (!bodyPaused) {
            bodyPaused = true;
            update();
        }
    }

    void resumeBody() {
        if (bodyPaused) {
            bodyPaused = false;
            update();
        }
    }

    /** A request waits in the backlog. */
    void backlogFilled() {
        if (!backlogPaused) {
            backlogPaused = true;
            update();
        }
    }

    /** The backlog is empty again. */
    void backlogDrained() {
        if (backlogPaused) {
            backlogPaused = false;
            update();
        }
    }

    private void update() {
        if (connection.upgraded()) {
            return;
        }
        boolean read = !bodyPaused && !backlogPaused && !writePaused;
        if (channel.config().isAutoRead() != read) {
            channel.config().setAutoRead(read);
        }
        if (read && !connection.output.inRead()) {
            resumeSoon();
        }
    }

    /**
     * Lets the decoder go on with requests it held back, as a task of its own: never inside a read batch (the
     * decoder is running) nor inside the user's {@code end()} (the next handler would run within the previous one).
     */
    void resumeSoon() {
        StrictRequestDecoder d = connection.decoder();
        if (resumeScheduled || d == null || !d.holding() || holdNextRequest() || connection.stopped()) {
            return;
        }
        resumeScheduled = true;
        channel.eventLoop().execute(() -> loop.invoke(() -> {
            resumeScheduled = false;
            ChannelHandlerContext ctx = channel.pipeline().context(d);
            if (connection.decoder() == d && ctx != null && !holdNextRequest() && !connection.stopped()) {
                connection.deadlines.resumed();
                try {
                    d.resume(ctx);
                } catch (Exception e) {
                    channel.pipeline().fireExceptionCaught(e);
                }
            }
        }));
    }
}
