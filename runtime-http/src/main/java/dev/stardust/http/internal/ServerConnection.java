package dev.stardust.http.internal;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.http.Headers;
import dev.stardust.http.Upgrade;
import dev.stardust.http.internal.RequestParts.BodyFailure;
import dev.stardust.http.internal.RequestParts.End;
import dev.stardust.http.internal.RequestParts.Reject;
import dev.stardust.internal.RealLoop;
import dev.stardust.net.Socket;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP connection on the server: turns Netty's decoded messages into requests, one at a time and in order.
 * A request that arrives while another is being answered (pipelining) waits in a backlog ({@link RequestParts}), with
 * reading paused, and is dispatched once the previous response has ended, so responses always leave in request order.
 * Bad requests are answered here (4xx, then close) and never reach a handler.
 *
 * <p>Its other jobs have parts of their own, one each per connection: {@link RequestPartConverter} (static) turns
 * Netty's messages into those parts; {@link ReadGate} decides when it reads, which keeps memory bounded whatever the
 * peer does; {@link ConnectionOutput} batches flushes and closes; {@link ConnectionDeadlines} holds the timeouts that
 * the server's sweep checks; {@link ServerPipeline} installs the handlers and, for an upgrade, removes them so that
 * the channel becomes a {@link Socket}.
 */
final class ServerConnection extends ChannelInboundHandlerAdapter {
    final ServerCore server;
    final Channel channel;
    final ConnectionOutput output;
    final ConnectionDeadlines deadlines;
    final ReadGate gate;
    private final RealLoop loop;
    private final ArrayDeque<Object> backlog = new ArrayDeque<>();
    private @Nullable ServerRequest reading;
    private @Nullable RealServerResponse active;
    private int requests;
    private boolean broken;
    private boolean closed;
    private @Nullable StrictRequestDecoder decoder;
    private @Nullable HttpRequest pendingUpgrade;
    private boolean upgraded;
    private boolean pastLimit;

    ServerConnection(ServerCore server, Channel channel) {
        this.server = server;
        this.channel = channel;
        this.loop = server.loop();
        this.output = new ConnectionOutput(channel, loop);
        this.deadlines = new ConnectionDeadlines(server, output);
        this.gate = new ReadGate(this, loop);
    }

    void install() {
        decoder = ServerPipeline.install(this);
        deadlines.accepted();
        channel.closeFuture().addListener(f -> onClosed());
    }

    // ---- inbound -------------------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean top = loop.enter();
        output.readStarted();
        try {
            receive(msg);
        } finally {
            loop.leave(top);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        deadlines.readEnded();
        output.readEnded();
        gate.resumeSoon();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = channel.isWritable();
        deadlines.writability(writable);
        gate.writability(writable);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset or other socket failure: the close listener reports it to the request in flight.
        channel.close();
    }

    private void receive(Object msg) {
        if (pastLimit && msg instanceof HttpRequest && !closed) {
            // Decoded in the read batch that ended the last allowed response: node's 503.
            pastLimit = false;
            ReferenceCountUtil.release(msg);
            output.answerAndClose(503);
            return;
        }
        if (broken || closed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        RequestPartConverter.convert(msg, this);
    }

    /** A part of a request, in order, from {@link RequestPartConverter}: a bad head or body ends the connection. */
    void take(Object item) {
        if (item instanceof Reject || item instanceof BodyFailure) {
            broken = true;
        }
        enqueueOrHandle(item);
    }

    private void enqueueOrHandle(Object item) {
        boolean newMessage = item instanceof HttpRequest || item instanceof Reject;
        if (!backlog.isEmpty() || (newMessage && active != null)) {
            backlog.add(item);
            gate.backlogFilled();
            return;
        }
        handle(item);
    }

    private void handle(Object item) {
        if (item instanceof HttpRequest request) {
            dispatch(request);
        } else if (item instanceof Buffer chunk) {
            ServerRequest r = reading;
            if (r != null) {
                r.body(chunk);
            }
        } else if (item instanceof End end) {
            HttpRequest upgrade = pendingUpgrade;
            if (upgrade != null) {
                handOver(upgrade);
                return;
            }
            ServerRequest r = reading;
            reading = null;
            deadlines.requestRead();
            if (r != null) {
                r.finish(end.trailers());
            }
            maybeIdle();
        } else if (item instanceof Reject reject) {
            answerAndClose(reject.status());
        } else if (item instanceof BodyFailure failure) {
            ServerRequest r = reading;
            reading = null;
            RealServerResponse res = active;
            if (r != null) {
                r.abort(new StardustException("HPE_INVALID_CHUNK_SIZE", "Parse Error: " + failure.cause().getMessage(),
                        failure.cause()));
            }
            if (res != null && res.request == r && !res.headersSent()) {
                active = null;
                answerAndClose(400);
            } else if (res == null || res.request == r) {
                destroy();
            } else {
                answerAndClose(400);
            }
        }
    }

    private void dispatch(HttpRequest request) {
        StrictRequestDecoder d = decoder;
        if (d != null && request == d.upgrade()) {
            // Nothing is answered: the connection changes hands when the request's empty body has been seen.
            requests++;
            deadlines.waiting();
            pendingUpgrade = request;
            return;
        }
        requests++;
        deadlines.bodyDue();
        HttpVersion version = request.protocolVersion();
        int max = server.options.maxRequestsPerSocket();
        if (max > 0 && requests > max) {
            broken = true;
            answerAndClose(503);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request) && !server.closing();
        ServerRequest req = ServerRequest.received(this, request);
        RealServerResponse res = new RealServerResponse(this, req, version, request.method() == HttpMethod.HEAD,
                keepAlive);
        reading = req;
        active = res;
        server.handle(req, res, HttpUtil.is100ContinueExpected(request));
    }

    /** node's {@code 'upgrade'}: the request is complete, and the channel changes hands ({@link ServerPipeline}). */
    private void handOver(HttpRequest request) {
        upgraded = true;
        pendingUpgrade = null;
        backlog.clear();
        output.flushPendingNow();
        ServerRequest req = ServerRequest.received(this, request);
        req.finish(Headers.EMPTY);
        StrictRequestDecoder d = decoder;
        decoder = null;
        Socket socket = ServerPipeline.handOver(this, loop, d);
        if (!server.server.emit("upgrade", new Upgrade(req, socket))) {
            // The listener went away since the head was decoded: nobody speaks the new protocol.
            socket.destroy();
        }
    }

    // ---- responses -----------------------------------------------------------------------------------------

    boolean shouldCloseAfterThis() {
        return broken || overLimit();
    }

    /** Whether this connection served its {@code maxRequestsPerSocket}. */
    private boolean overLimit() {
        int max = server.options.maxRequestsPerSocket();
        return max > 0 && requests >= max;
    }

    private boolean decoderHolding() {
        StrictRequestDecoder d = decoder;
        return d != null && d.holding();
    }

    CharSequence keepAliveHeader() {
        return server.keepAliveHeader;
    }

    /** Called when the response's last bytes were handed to the channel. */
    void responseEnded(RealServerResponse res) {
        if (active != res) {
            return;
        }
        active = null;
        ServerRequest req = res.request;
        if (!res.keepAlive || broken) {
            // Connection: close was sent: whatever else the client pipelined is dropped, never answered, except
            // that node answers the first request past maxRequestsPerSocket with 503 (and Connection: close).
            boolean limit = !broken && overLimit();
            broken = true;
            boolean pipelined = !backlog.isEmpty() || decoderHolding();
            backlog.clear();
            if (limit && pipelined) {
                output.answerAndClose(503);
                return;
            }
            pastLimit = limit;
            output.closeAfterFlush();
            return;
        }
        if (!req.complete()) {
            // The body is still coming: discard it, then go on with the next request.
            req.dump();
        }
        if (!maybeIdle()) {
            drainBacklog();
        }
    }

    /** With no request in flight, starts the keep-alive countdown (or closes, when the server is closing). */
    private boolean maybeIdle() {
        if (active != null || reading != null || !backlog.isEmpty() || closed || broken) {
            return false;
        }
        deadlines.idle();
        if (server.closing()) {
            output.closeAfterFlush();
        }
        return true;
    }

    boolean hasBacklog() {
        return !backlog.isEmpty();
    }

    /** Closed, or refusing anything more (a bad request was seen, or Connection: close was sent). */
    boolean stopped() {
        return closed || broken;
    }

    boolean upgraded() {
        return upgraded;
    }

    @Nullable StrictRequestDecoder decoder() {
        return decoder;
    }

    boolean responseDone(RealServerResponse res) {
        return active != res;
    }

    private void drainBacklog() {
        Object item;
        while (active == null && !closed && (item = backlog.poll()) != null) {
            handle(item);
            while (!closed && (item = backlog.peek()) != null && !(item instanceof HttpRequest)
                    && !(item instanceof Reject)) {
                backlog.poll();
                handle(item);
            }
        }
        if (backlog.isEmpty()) {
            gate.backlogDrained();
        }
    }

    private void answerAndClose(int status) {
        broken = true;
        RealServerResponse res = active;
        if (res != null) {
            // A response is still being written: the error must follow it, never interleave.
            backlog.clear();
            backlog.add(new Reject(status));
            return;
        }
        output.answerAndClose(status);
    }

    // ---- deadlines and closing -----------------------------------------------------------------------------

    void checkDeadline(long now) {
        if (closed) {
            return;
        }
        int expired = deadlines.expired(now);
        if (expired == ConnectionDeadlines.STALLED) {
            destroy();
        } else if (expired == ConnectionDeadlines.KEEP_ALIVE) {
            channel.close();
        } else if (expired == ConnectionDeadlines.REQUEST) {
            ServerRequest r = reading;
            if (r != null) {
                r.abort(new StardustException("ERR_HTTP_REQUEST_TIMEOUT", "the request timed out"));
            }
            RealServerResponse res = active;
            if (res == null || !res.headersSent()) {
                active = null;
                answerAndClose(408);
            } else {
                destroy();
            }
        }
    }

    void closeIfIdle() {
        if (!upgraded && active == null && reading == null && backlog.isEmpty()) {
            channel.close();
        }
    }

    void destroy() {
        if (upgraded) {
            return;
        }
        channel.close();
    }

    private void onClosed() {
        if (upgraded) {
            return;
        }
        closed = true;
        backlog.clear();
        ServerRequest r = reading;
        reading = null;
        RealServerResponse res = active;
        active = null;
        boolean top = loop.enter();
        try {
            if (r != null) {
                r.abort(new StardustException("ECONNRESET", "aborted"));
            }
            if (res != null && !res.destroyed() && !res.writableFinished()) {
                res.destroy();
            }
            server.connectionClosed(this);
        } finally {
            loop.leave(top);
        }
    }
}
