package dev.stardust.websocket.internal;

import dev.stardust.Buffer;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.Timer;
import dev.stardust.http.IncomingMessage;
import dev.stardust.internal.Errno;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.RealLoop;
import dev.stardust.net.Socket;
import dev.stardust.websocket.CloseEvent;
import dev.stardust.websocket.Message;
import dev.stardust.websocket.WebSocket;
import dev.stardust.websocket.WebSocketOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The implementation of {@link WebSocket}: the last handler of a channel that {@link FramePipeline} set up, on the
 * socket an HTTP upgrade (server) or a dial (client) made. The socket keeps its loop handle, so the connection keeps
 * the loop alive until its channel closes; this class owns everything else: whole messages from fragments
 * ({@link Assembly}), automatic pongs, the closing handshake and its timeout, write accounting for backpressure and
 * the idle ping. Loop thread only; every channel event enters user code through the loop.
 */
public final class RealWebSocket extends WebSocket {
    private final RealLoop loop;
    private final Socket socket;
    private final WebSocketOptions options;
    private final boolean client;
    private final String url;
    private final @Nullable IncomingMessage request;
    private final Assembly assembly;
    private @Nullable Channel channel;
    private ReadyState state = ReadyState.CONNECTING;
    private String protocol = "";
    private String extensions = "";
    private @Nullable LoopPromise<Void> closed;
    private boolean closeSent;
    private boolean closeReceived;
    private boolean failed;
    private int code = 1006;
    private String reason = "";
    private @Nullable Timer closeTimer;
    private @Nullable Timer idleTimer;
    private boolean heard;
    private boolean pinged;
    private long buffered;
    private boolean needDrain;
    private boolean paused;
    /** Whether a message sent with {@code fin == false} is under way: the next data frame is a continuation. */
    private boolean fragmenting;

    RealWebSocket(RealLoop loop, Socket socket, WebSocketOptions options, boolean client, String url,
            @Nullable IncomingMessage request) {
        this.loop = loop;
        this.socket = socket;
        this.options = options;
        this.client = client;
        this.url = url;
        this.request = request;
        this.assembly = new Assembly(options.maxPayload());
    }

    /** The handler that goes last on the channel: it hands frames, failures and the channel's end to this object. */
    ChannelInboundHandlerAdapter handler() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (!(msg instanceof WebSocketFrame frame)) {
                    ReferenceCountUtil.release(msg);
                    return;
                }
                try {
                    loop.invoke(RealWebSocket.this::frame, frame);
                } finally {
                    frame.release();
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                loop.invoke(RealWebSocket.this::fail, cause);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                // The socket allows half-closure; a WebSocket has no use for it: the peer's FIN ends the connection.
                if (evt instanceof ChannelInputShutdownEvent) {
                    ctx.close();
                }
                ReferenceCountUtil.release(evt);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                loop.invoke(RealWebSocket.this::ended);
            }
        };
    }

    /** Notes that bytes came from the peer, for the idle ping. */
    void heard() {
        heard = true;
    }

    /** The handshake succeeded on {@code ch}, whose pipeline {@link FramePipeline} set up: the connection is open. */
    void opened(Channel ch, String agreedProtocol, String agreedExtensions) {
        channel = ch;
        protocol = agreedProtocol;
        extensions = agreedExtensions;
        state = ReadyState.OPEN;
        long idle = options.idleTimeoutMs();
        if (idle > 0) {
            Timer t = loop.setTimer(this::idleTick, idle, true);
            t.unref();
            idleTimer = t;
        }
        if (paused) {
            ch.config().setAutoRead(false);
        }
    }

    /** A client's handshake failed with {@code error} before the connection opened. */
    void handshakeFailed(Throwable error) {
        if (state == ReadyState.CLOSED) {
            return;
        }
        state = ReadyState.CLOSED;
        socket.destroy();
        emit("error", error);
        finish();
    }

    // ---- receiving ---------------------------------------------------------------------------------------------

    private void frame(WebSocketFrame frame) {
        heard = true;
        if (failed || state == ReadyState.CLOSED) {
            return;
        }
        if (frame instanceof PingWebSocketFrame) {
            Buffer data = copy(frame.content());
            if (!closeSent) {
                channel().writeAndFlush(new PongWebSocketFrame(frame.content().retainedDuplicate()));
            }
            emit("ping", data);
        } else if (frame instanceof PongWebSocketFrame) {
            pinged = false;
            emit("pong", copy(frame.content()));
        } else if (frame instanceof CloseWebSocketFrame close) {
            closeFrame(close);
        } else if (!closeReceived) {
            Message message;
            try {
                message = assembly.add(frame);
            } catch (WsErrors.Violation tooBig) {
                fail(tooBig);
                return;
            }
            if (message != null) {
                emit("message", message);
            }
        }
    }

    private void closeFrame(CloseWebSocketFrame frame) {
        closeReceived = true;
        int status = frame.statusCode();
        code = status < 0 ? 1005 : status;
        reason = status < 0 ? "" : frame.reasonText();
        state = ReadyState.CLOSING;
        Channel ch = channel();
        if (!closeSent) {
            // Echo the status (none for none), then, as the server, end the TCP connection: RFC 6455 7.1.1.
            closeSent = true;
            CloseWebSocketFrame echo = status < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(status, reason);
            var written = ch.writeAndFlush(echo);
            if (!client) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        } else if (!client) {
            ch.close();
        }
        if (client) {
            startCloseTimer();
        }
    }

    /** The peer broke the protocol, or the channel failed: {@code error}, then the connection ends. */
    private void fail(Throwable cause) {
        if (failed || state == ReadyState.CLOSED) {
            return;
        }
        failed = true;
        Channel ch = channel();
        if (WsErrors.isViolation(cause)) {
            StardustException error = WsErrors.from(cause, client);
            if (!closeSent && ch.isActive()) {
                closeSent = true;
                state = ReadyState.CLOSING;
                ch.writeAndFlush(new CloseWebSocketFrame(WsErrors.status(cause), "")).addListener(
                        ChannelFutureListener.CLOSE);
            } else {
                ch.close();
            }
            assembly.clear();
            emit("error", error);
        } else {
            ch.close();
            emit("error", Errno.from(cause, "read", ""));
        }
    }

    /** The channel closed: the last event. */
    private void ended() {
        if (state == ReadyState.CLOSED) {
            return;
        }
        state = ReadyState.CLOSED;
        assembly.clear();
        socket.destroy();
        finish();
    }

    private void finish() {
        Timer t = closeTimer;
        if (t != null) {
            t.close();
        }
        t = idleTimer;
        if (t != null) {
            t.close();
        }
        emit("close", new CloseEvent(closeReceived ? code : 1006, closeReceived ? reason : "",
                closeSent && closeReceived));
        LoopPromise<Void> p = closed;
        if (p != null) {
            p.resolve(null);
        }
    }

    private void idleTick() {
        if (heard) {
            heard = false;
            pinged = false;
        } else if (!pinged) {
            pinged = true;
            if (state == ReadyState.OPEN) {
                channel().writeAndFlush(new PingWebSocketFrame());
            }
        } else if (state != ReadyState.CLOSED) {
            terminate();
            emit("error", new StardustException("ETIMEDOUT", "no answer from the peer for "
                    + 2 * options.idleTimeoutMs() + " ms"));
        }
    }

    private static Buffer copy(ByteBuf content) {
        return content.isReadable() ? Buffer.wrap(ByteBufUtil.getBytes(content)) : Buffer.EMPTY;
    }

    private Channel channel() {
        Channel ch = channel;
        if (ch == null) {
            throw new IllegalStateException("not open yet");
        }
        return ch;
    }

    // ---- sending -----------------------------------------------------------------------------------------------

    @Override
    public Promise<Void> send(String text) {
        return send(text, true);
    }

    @Override
    public Promise<Void> send(Buffer data) {
        return send(data, true);
    }

    @Override
    public Promise<Void> send(String text, boolean fin) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return message(false, Unpooled.wrappedBuffer(bytes), bytes.length, fin);
    }

    @Override
    public Promise<Void> send(Buffer data, boolean fin) {
        return message(true, Unpooled.wrappedBuffer(data.asByteBuffer()), data.length(), fin);
    }

    /** A message or one fragment of it: a continuation when a fragmented message is under way, as {@code ws}. */
    private Promise<Void> message(boolean binary, ByteBuf data, int size, boolean fin) {
        WebSocketFrame frame = fragmenting ? new ContinuationWebSocketFrame(fin, 0, data)
                : binary ? new BinaryWebSocketFrame(fin, 0, data) : new TextWebSocketFrame(fin, 0, data);
        return write(frame, size, true, () -> fragmenting = !fin);
    }

    @Override
    public Promise<Void> ping() {
        return ping(Buffer.EMPTY);
    }

    @Override
    public Promise<Void> ping(Buffer data) {
        checkControl(data);
        return write(new PingWebSocketFrame(Unpooled.wrappedBuffer(data.asByteBuffer())), data.length(), false, null);
    }

    @Override
    public Promise<Void> pong(Buffer data) {
        checkControl(data);
        return write(new PongWebSocketFrame(Unpooled.wrappedBuffer(data.asByteBuffer())), data.length(), false, null);
    }

    private static void checkControl(Buffer data) {
        if (data.length() > 125) {
            throw new StardustException("ERR_OUT_OF_RANGE", "a control frame carries at most 125 bytes, got "
                    + data.length());
        }
    }

    /** Writes {@code frame} unless the connection or its buffer refuses it; {@code accepted} runs when it goes out. */
    private Promise<Void> write(WebSocketFrame frame, int size, boolean message, @Nullable Runnable accepted) {
        loop.checkThread();
        if (state == ReadyState.CONNECTING) {
            frame.release();
            throw new StardustException("WS_ERR_NOT_OPEN", "WebSocket is not open: readyState 0 (CONNECTING)");
        }
        if (state != ReadyState.OPEN || closeSent) {
            frame.release();
            return notOpen();
        }
        if (message && buffered > 0 && buffered + size > options.maxBufferedAmount()) {
            frame.release();
            return Promise.rejected(new StardustException("WS_ERR_SEND_BUFFER_FULL", "the peer is not reading: "
                    + buffered + " bytes wait to be sent, the limit is " + options.maxBufferedAmount()));
        }
        if (accepted != null) {
            accepted.run();
        }
        buffered += size;
        if (buffered >= options.highWaterMark()) {
            needDrain = true;
        }
        LoopPromise<Void> p = new LoopPromise<>(loop);
        channel().writeAndFlush(frame).addListener(f -> loop.invoke(() -> {
            buffered -= size;
            if (f.isSuccess()) {
                p.resolve(null);
            } else {
                // The connection is ending, which close already reports: as ws, a lost send is not an error.
                p.markHandled().reject(new StardustException("WS_ERR_NOT_OPEN", "the connection closed before "
                        + "the message was written", f.cause()));
            }
            if (needDrain && buffered == 0 && state == ReadyState.OPEN) {
                needDrain = false;
                emit("drain");
            }
        }));
        return p;
    }

    private Promise<Void> notOpen() {
        LoopPromise<Void> p = new LoopPromise<>(loop);
        p.markHandled().reject(new StardustException("WS_ERR_NOT_OPEN", "WebSocket is not open: readyState "
                + state.ordinal() + " (" + state + ")"));
        return p;
    }

    // ---- closing -----------------------------------------------------------------------------------------------

    @Override
    public Promise<Void> close() {
        return startClose(-1, "");
    }

    @Override
    public Promise<Void> close(int status, String why) {
        if (!CloseCodes.canSend(status)) {
            throw new StardustException("WS_ERR_INVALID_CLOSE_CODE", "invalid close code: " + status);
        }
        if (why.getBytes(StandardCharsets.UTF_8).length > 123) {
            throw new StardustException("ERR_OUT_OF_RANGE", "a close reason is at most 123 bytes of UTF-8");
        }
        return startClose(status, why);
    }

    private Promise<Void> startClose(int status, String why) {
        loop.checkThread();
        LoopPromise<Void> p = closed;
        if (p != null) {
            return p;
        }
        p = new LoopPromise<>(loop);
        closed = p;
        if (state == ReadyState.CLOSED) {
            p.resolve(null);
            return p;
        }
        if (state == ReadyState.CONNECTING) {
            terminate();
            return p;
        }
        if (!closeSent) {
            closeSent = true;
            state = ReadyState.CLOSING;
            channel().writeAndFlush(status < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(status, why));
        }
        startCloseTimer();
        return p;
    }

    private void startCloseTimer() {
        if (closeTimer == null) {
            Timer t = loop.setTimer(this::terminate, options.closeTimeoutMs(), false);
            t.unref();
            closeTimer = t;
        }
    }

    @Override
    public void terminate() {
        loop.checkThread();
        Channel ch = channel;
        if (state == ReadyState.CONNECTING || ch == null) {
            handshakeAborted();
        } else {
            ch.close();
        }
    }

    private void handshakeAborted() {
        if (state != ReadyState.CLOSED) {
            state = ReadyState.CLOSED;
            socket.destroy();
            finish();
        }
    }

    // ---- flow and information ------------------------------------------------------------------------------------

    @Override
    public WebSocket pause() {
        paused = true;
        Channel ch = channel;
        if (ch != null) {
            ch.config().setAutoRead(false);
        }
        return this;
    }

    @Override
    public WebSocket resume() {
        paused = false;
        Channel ch = channel;
        if (ch != null) {
            ch.config().setAutoRead(true);
        }
        return this;
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    @Override
    public ReadyState readyState() {
        return state;
    }

    @Override
    public long bufferedAmount() {
        return buffered;
    }

    @Override
    public boolean writableNeedDrain() {
        return needDrain;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public String extensions() {
        return extensions;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public Optional<IncomingMessage> upgradeRequest() {
        return Optional.ofNullable(request);
    }

    @Override
    public String remoteAddress() {
        return socket.remoteAddress();
    }

    @Override
    public int remotePort() {
        return socket.remotePort();
    }

    @Override
    public WebSocket ref() {
        socket.ref();
        return this;
    }

    @Override
    public WebSocket unref() {
        socket.unref();
        return this;
    }

    @Override
    public boolean hasRef() {
        return socket.hasRef();
    }

    @Override
    public String toString() {
        return "WebSocket[" + (client ? "client " : "server ") + url + ", " + state + "]";
    }
}
