package dev.stardust.http.internal;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.http.Headers;
import dev.stardust.http.IncomingMessage;
import dev.stardust.http.ServerResponse;
import dev.stardust.http.Upgrade;
import dev.stardust.internal.RealLoop;
import dev.stardust.net.Socket;
import dev.stardust.net.internal.RealSocket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP connection on the server: turns Netty's decoded messages into requests, one at a time and in order.
 * A request that arrives while another is being answered (pipelining) waits in a backlog, with reading paused, and is
 * dispatched once the previous response has ended, so responses always leave in request order. Bad requests are
 * answered here (4xx, then close) and never reach a handler. Deadlines are checked by the server's sweep.
 *
 * <p>Memory stays bounded whatever the peer does: while the channel cannot take more output (a client that does not
 * read its responses) or a pipelined request already waits, reading stops and the decoder keeps the next request as
 * bytes; both resume once the output drains and the waiting request is dispatched.
 *
 * <p>An upgrade request, when the server has an {@code upgrade} listener, ends the HTTP life of the connection: once
 * its (empty) body has been seen, this connection removes its handlers, leaves the server's set, and the channel
 * becomes a {@link Socket} with its own loop handle; the decoder's leftover bytes become the socket's first data.
 */
final class ServerConnection extends ChannelInboundHandlerAdapter {
    private static final int IDLE = 0;
    private static final int HEAD = 1;
    private static final int BODY = 2;
    private static final int WAITING = 3;

    final ServerCore server;
    final Channel channel;
    private final RealLoop loop;
    private final ArrayDeque<Object> backlog = new ArrayDeque<>();
    private @Nullable ServerRequest reading;
    private @Nullable RealServerResponse active;
    private int phase = HEAD;
    private long deadline;
    private long stalledSince;
    private int requests;
    private boolean broken;
    private boolean closed;
    private boolean inRead;
    private boolean flushPending;
    private boolean closeAfterRead;
    private boolean flushScheduled;
    private boolean bodyPaused;
    private boolean backlogPaused;
    private boolean writePaused;
    private boolean resumeScheduled;
    /** When the current read batch began; 0 outside one. Deadlines set while reading take it instead of a clock read. */
    private long readNanos;
    private @Nullable StrictRequestDecoder decoder;
    private @Nullable HttpRequest pendingUpgrade;
    private boolean upgraded;

    ServerConnection(ServerCore server, Channel channel) {
        this.server = server;
        this.channel = channel;
        this.loop = server.loop();
    }

    void install() {
        HttpDecoderConfig config = new HttpDecoderConfig()
                .setMaxInitialLineLength(server.options.maxRequestLineLength())
                .setMaxHeaderSize(server.options.maxHeaderSize())
                .setMaxChunkSize(64 * 1024)
                .setAllowDuplicateContentLengths(false)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true)
                .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory());
        StrictRequestDecoder d = new StrictRequestDecoder(config, () -> server.server.listenerCount("upgrade") > 0,
                this::holdNextRequest);
        decoder = d;
        channel.pipeline().addLast(new ActivityWatch(), d, new ResponseEncoder());
        if (server.options.compressionMinSize() > 0) {
            channel.pipeline().addLast(new ResponseCompressor(server.options.compressionMinSize()));
        }
        channel.pipeline().addLast(this);
        deadline = System.nanoTime() + server.headersTimeoutNanos;
        channel.closeFuture().addListener(f -> onClosed());
    }

    // ---- inbound -------------------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean top = loop.enter();
        inRead = true;
        try {
            receive(msg);
        } finally {
            loop.leave(top);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inRead = false;
        readNanos = 0;
        if (closeAfterRead) {
            closeAfterRead = false;
            flushPending = false;
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else if (flushPending) {
            flushPending = false;
            channel.flush();
        }
        resumeSoon();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = channel.isWritable();
        stalledSince = writable ? 0 : System.nanoTime();
        if (writePaused == writable) {
            writePaused = !writable;
            updateAutoRead();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** The decoder's question before each request: wait while output is stuck or a pipelined request waits. */
    private boolean holdNextRequest() {
        return writePaused || !backlog.isEmpty();
    }

    /**
     * Lets the decoder go on with requests it held back, as a task of its own: never inside a read batch (the
     * decoder is running) nor inside the user's {@code end()} (the next handler would run within the previous one).
     */
    private void resumeSoon() {
        StrictRequestDecoder d = decoder;
        if (resumeScheduled || d == null || !d.holding() || holdNextRequest() || closed || broken) {
            return;
        }
        resumeScheduled = true;
        channel.eventLoop().execute(() -> loop.invoke(() -> {
            resumeScheduled = false;
            ChannelHandlerContext ctx = channel.pipeline().context(d);
            if (decoder == d && ctx != null && !holdNextRequest() && !closed && !broken) {
                readNanos = System.nanoTime();
                try {
                    d.resume(ctx);
                } catch (Exception e) {
                    channel.pipeline().fireExceptionCaught(e);
                }
            }
        }));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset or other socket failure: the close listener reports it to the request in flight.
        channel.close();
    }

    private void receive(Object msg) {
        if (broken || closed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Object item;
        if (msg instanceof HttpRequest request) {
            DecoderResult result = request.decoderResult();
            if (result.isFailure()) {
                item = new Reject(RequestChecks.statusForDecoderFailure(result.cause(), false));
            } else {
                int status = RequestChecks.check(request, server.options.maxHeadersCount());
                item = status == 0 ? request : new Reject(status);
            }
            ReferenceCountUtil.release(msg);
            if (item instanceof Reject) {
                broken = true;
            }
        } else if (msg instanceof HttpContent content) {
            try {
                if (content.decoderResult().isFailure()) {
                    broken = true;
                    item = new BodyFailure(content.decoderResult().cause());
                } else {
                    ByteBuf data = content.content();
                    Buffer chunk = data.isReadable() ? copy(data) : null;
                    if (content instanceof LastHttpContent lastContent) {
                        Headers trailers = ReceivedHeaders.of(lastContent.trailingHeaders());
                        if (chunk != null) {
                            enqueueOrHandle(chunk);
                        }
                        item = new End(trailers);
                    } else {
                        item = chunk != null ? chunk : null;
                    }
                }
            } finally {
                content.release();
            }
            if (item == null) {
                return;
            }
        } else {
            ReferenceCountUtil.release(msg);
            return;
        }
        enqueueOrHandle(item);
    }

    private void enqueueOrHandle(Object item) {
        boolean newMessage = item instanceof HttpRequest || item instanceof Reject;
        if (!backlog.isEmpty() || (newMessage && active != null)) {
            backlog.add(item);
            if (!backlogPaused) {
                backlogPaused = true;
                updateAutoRead();
            }
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
            if (phase == BODY || phase == HEAD) {
                phase = WAITING;
                deadline = 0;
            }
            if (r != null) {
                r.finish(end.trailers);
            }
            maybeIdle();
        } else if (item instanceof Reject reject) {
            answerAndClose(reject.status);
        } else if (item instanceof BodyFailure failure) {
            ServerRequest r = reading;
            reading = null;
            RealServerResponse res = active;
            if (r != null) {
                r.abort(new StardustException("HPE_INVALID_CHUNK_SIZE", "Parse Error: " + failure.cause.getMessage(),
                        failure.cause));
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
            phase = WAITING;
            deadline = 0;
            pendingUpgrade = request;
            return;
        }
        requests++;
        phase = BODY;
        deadline = now() + server.requestTimeoutNanos;
        HttpVersion version = request.protocolVersion();
        int max = server.options.maxRequestsPerSocket();
        if (max > 0 && requests > max) {
            broken = true;
            answerAndClose(503);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request) && !server.closing();
        ServerRequest req = new ServerRequest(this, request.method().name(), request.uri(),
                version == HttpVersion.HTTP_1_1 ? "1.1" : "1.0", ReceivedHeaders.of(request.headers()),
                (InetSocketAddress) channel.localAddress(), (InetSocketAddress) channel.remoteAddress());
        RealServerResponse res = new RealServerResponse(this, req, version, request.method() == HttpMethod.HEAD,
                keepAlive);
        reading = req;
        active = res;
        List<BiConsumer<IncomingMessage, ServerResponse>> handlers = server.requestHandlers();
        if (HttpUtil.is100ContinueExpected(request)) {
            if (!server.continueHandlers().isEmpty()) {
                handlers = server.continueHandlers();
            } else {
                writeContinue();
            }
        }
        try {
            for (BiConsumer<IncomingMessage, ServerResponse> handler : handlers) {
                handler.accept(req, res);
            }
        } catch (RuntimeException | Error e) {
            loop.reportUncaught(e);
            res.failFromHandler();
        }
    }

    /**
     * node's {@code 'upgrade'}: the HTTP handlers leave the pipeline and the channel becomes a {@link Socket}. The
     * decoder goes last, so the bytes it holds after the head reach the socket before anything read later.
     */
    private void handOver(HttpRequest request) {
        upgraded = true;
        pendingUpgrade = null;
        backlog.clear();
        if (flushPending) {
            flushPending = false;
            channel.flush();
        }
        ServerRequest req = new ServerRequest(this, request.method().name(), request.uri(),
                request.protocolVersion() == HttpVersion.HTTP_1_1 ? "1.1" : "1.0", ReceivedHeaders.of(request.headers()),
                (InetSocketAddress) channel.localAddress(), (InetSocketAddress) channel.remoteAddress());
        req.finish(Headers.EMPTY);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.remove(ActivityWatch.class);
        pipeline.remove(ResponseEncoder.class);
        if (pipeline.get(ResponseCompressor.class) != null) {
            pipeline.remove(ResponseCompressor.class);
        }
        pipeline.remove(this);
        // From here the socket's handle keeps the loop alive, not the server's connection count.
        server.connectionClosed(this);
        Socket socket = RealSocket.adopt(loop, channel);
        StrictRequestDecoder d = decoder;
        decoder = null;
        if (d != null) {
            pipeline.remove(d);
        }
        if (!server.server.emit("upgrade", new Upgrade(req, socket))) {
            // The listener went away since the head was decoded: nobody speaks the new protocol.
            socket.destroy();
        }
    }

    // ---- outbound ------------------------------------------------------------------------------------------

    void writeContinue() {
        channel.write(new ResponseEncoder.BodylessFull(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                DefaultHttpHeadersFactory.headersFactory().newEmptyHeaders()), channel.voidPromise());
        flushSoon();
    }

    /** Flushes at the end of the current read batch, or after the current tick outside one. */
    void flushSoon() {
        if (inRead) {
            flushPending = true;
        } else if (!flushScheduled) {
            flushScheduled = true;
            loop.nextTick(() -> {
                flushScheduled = false;
                channel.flush();
            });
        }
    }

    boolean shouldCloseAfterThis() {
        int max = server.options.maxRequestsPerSocket();
        return broken || (max > 0 && requests >= max);
    }

    CharSequence keepAliveHeader() {
        return server.keepAliveHeader;
    }

    /** The time for a deadline: the read batch's start inside one (a clock read per request saved), else the clock. */
    private long now() {
        long t = readNanos;
        return inRead && t != 0 ? t : System.nanoTime();
    }

    /** Called when the response's last bytes were handed to the channel. */
    void responseEnded(RealServerResponse res) {
        if (active != res) {
            return;
        }
        active = null;
        ServerRequest req = res.request;
        if (!res.keepAlive || broken) {
            // Connection: close was sent: whatever else the client pipelined is dropped, never answered.
            broken = true;
            backlog.clear();
            closeAfterFlush();
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
        phase = IDLE;
        deadline = now() + server.keepAliveTimeoutNanos;
        if (server.closing()) {
            closeAfterFlush();
        }
        return true;
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
        if (backlog.isEmpty() && backlogPaused) {
            backlogPaused = false;
            updateAutoRead();
        }
    }

    void pauseBody() {
        if (!bodyPaused) {
            bodyPaused = true;
            updateAutoRead();
        }
    }

    void resumeBody() {
        if (bodyPaused) {
            bodyPaused = false;
            updateAutoRead();
        }
    }

    private void updateAutoRead() {
        if (upgraded) {
            return;
        }
        boolean read = !bodyPaused && !backlogPaused && !writePaused;
        if (channel.config().isAutoRead() != read) {
            channel.config().setAutoRead(read);
        }
        if (read && !inRead) {
            resumeSoon();
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
        HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().newHeaders();
        headers.set("Connection", HttpHeaderValues.CLOSE);
        headers.set("Content-Length", 0);
        headers.set("Date", HttpDate.now());
        channel.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.EMPTY_BUFFER, headers, DefaultHttpHeadersFactory.trailersFactory().newEmptyHeaders()))
                .addListener(ChannelFutureListener.CLOSE);
        channel.config().setAutoRead(false);
    }

    /** Closes once what was written is flushed; inside a read batch, after the batch, so the batch is seen whole. */
    private void closeAfterFlush() {
        if (inRead) {
            closeAfterRead = true;
            flushPending = true;
        } else {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    // ---- deadlines and closing -----------------------------------------------------------------------------

    void onBytes() {
        readNanos = System.nanoTime();
        if (phase == IDLE) {
            phase = HEAD;
            deadline = now() + server.headersTimeoutNanos;
        }
    }

    void checkDeadline(long now) {
        if (closed) {
            return;
        }
        if (stalledSince != 0 && now - stalledSince > server.options.writeStallTimeout().toNanos()) {
            destroy();
            return;
        }
        if (deadline == 0 || now - deadline < 0) {
            return;
        }
        deadline = 0;
        if (phase == IDLE) {
            channel.close();
        } else if (phase == HEAD || phase == BODY) {
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

    // ---- conversions ---------------------------------------------------------------------------------------

    private static Buffer copy(ByteBuf data) {
        byte[] bytes = new byte[data.readableBytes()];
        data.getBytes(data.readerIndex(), bytes);
        return Buffer.wrap(bytes);
    }


    private record Reject(int status) {
    }

    private record BodyFailure(Throwable cause) {
    }

    private record End(Headers trailers) {
    }

    /** Notes the first bytes of a request, which start its headers timeout. */
    private final class ActivityWatch extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            onBytes();
            ctx.fireChannelRead(msg);
        }
    }
}
