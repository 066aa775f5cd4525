package dev.stardust.websocket.internal;

import dev.stardust.Buffer;
import dev.stardust.Promise;
import dev.stardust.http.IncomingMessage;
import dev.stardust.internal.RealLoop;
import dev.stardust.net.Socket;
import dev.stardust.websocket.WebSocket;
import dev.stardust.websocket.WebSocketOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The implementation of {@link WebSocket}: the last handler of a channel that {@link FramePipeline} set up, on the
 * socket an HTTP upgrade (server) or a dial (client) made. The socket keeps its loop handle, so the connection keeps
 * the loop alive until its channel closes; this class owns the connection's state and its end, and hands each job
 * to a part: receiving ({@link FrameReceiver}: whole messages from fragments, automatic pongs), sending
 * ({@link Sender}: write accounting for backpressure, fragmented messages), the closing handshake and its timeout
 * ({@link ClosingHandshake}) and the idle ping ({@link IdlePing}). Loop thread only; every channel event enters user
 * code through the loop.
 */
public final class RealWebSocket extends WebSocket {
    private final RealLoop loop;
    /** A client's socket is there once it dials, which may wait for a place in its agent. */
    private @Nullable Socket socket;
    private boolean referenced = true;
    private final boolean client;
    private final String url;
    private final @Nullable IncomingMessage request;
    private final FrameReceiver receiver;
    private final Sender sender;
    private final ClosingHandshake closing;
    private final IdlePing idle;
    private @Nullable Channel channel;
    private ReadyState state = ReadyState.CONNECTING;
    private String protocol = "";
    private String extensions = "";
    private boolean paused;

    RealWebSocket(RealLoop loop, @Nullable Socket socket, WebSocketOptions options, boolean client, String url,
            @Nullable IncomingMessage request) {
        this.loop = loop;
        this.socket = socket;
        this.client = client;
        this.url = url;
        this.request = request;
        this.receiver = new FrameReceiver(this, loop, client, options.maxPayload());
        this.sender = new Sender(this, loop, options);
        this.closing = new ClosingHandshake(this, loop, client, options.closeTimeoutMs());
        this.idle = new IdlePing(this, loop, options.idleTimeoutMs());
    }

    /** A client dialed: its connection is {@code s}, referenced as {@link #ref()}/{@link #unref()} asked. */
    void dialed(Socket s) {
        socket = s;
        if (!referenced) {
            s.unref();
        }
    }

    private void destroySocket() {
        Socket s = socket;
        if (s != null) {
            s.destroy();
        }
    }

    /** The handler that goes last on the channel: it hands frames, failures and the channel's end to this object. */
    ChannelInboundHandlerAdapter handler() {
        return receiver.handler();
    }

    /** Notes that bytes came from the peer, for the idle ping. */
    void heard() {
        idle.heard();
    }

    /** The handshake succeeded on {@code ch}, whose pipeline {@link FramePipeline} set up: the connection is open. */
    void opened(Channel ch, String agreedProtocol, String agreedExtensions) {
        channel = ch;
        protocol = agreedProtocol;
        extensions = agreedExtensions;
        state = ReadyState.OPEN;
        idle.start();
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
        destroySocket();
        emit("error", error);
        finish();
    }

    // ---- what the parts share ------------------------------------------------------------------------------------

    void readyState(ReadyState next) {
        state = next;
    }

    ClosingHandshake closing() {
        return closing;
    }

    IdlePing idle() {
        return idle;
    }

    Channel channel() {
        Channel ch = channel;
        if (ch == null) {
            throw new IllegalStateException("not open yet");
        }
        return ch;
    }

    // ---- the end -----------------------------------------------------------------------------------------------

    /** The channel closed: the last event. */
    void ended() {
        if (state == ReadyState.CLOSED) {
            return;
        }
        state = ReadyState.CLOSED;
        receiver.clear();
        destroySocket();
        finish();
    }

    private void finish() {
        closing.stop();
        idle.stop();
        emit("close", closing.event());
        closing.settle();
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
            destroySocket();
            finish();
        }
    }

    // ---- sending and closing -------------------------------------------------------------------------------------

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
        return sender.text(text, fin);
    }

    @Override
    public Promise<Void> send(Buffer data, boolean fin) {
        return sender.binary(data, fin);
    }

    @Override
    public Promise<Void> ping() {
        return ping(Buffer.EMPTY);
    }

    @Override
    public Promise<Void> ping(Buffer data) {
        return sender.ping(data);
    }

    @Override
    public Promise<Void> pong(Buffer data) {
        return sender.pong(data);
    }

    @Override
    public Promise<Void> close() {
        return closing.start(-1, "");
    }

    @Override
    public Promise<Void> close(int status, String why) {
        return closing.close(status, why);
    }

    // ---- flow and information ------------------------------------------------------------------------------------

    @Override
    public WebSocket pause() {
        loop.checkThread();
        paused = true;
        readFromChannel(false);
        return this;
    }

    @Override
    public WebSocket resume() {
        loop.checkThread();
        if (paused) {
            paused = false;
            receiver.resumed();
        }
        return this;
    }

    /** Turns the channel's reading on or off, once it is open. */
    void readFromChannel(boolean on) {
        Channel ch = channel;
        if (ch != null) {
            ch.config().setAutoRead(on);
        }
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
        return sender.buffered();
    }

    @Override
    public boolean writableNeedDrain() {
        return sender.needDrain();
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
        Socket s = socket;
        return s == null ? "" : s.remoteAddress();
    }

    @Override
    public int remotePort() {
        Socket s = socket;
        return s == null ? 0 : s.remotePort();
    }

    @Override
    public WebSocket ref() {
        referenced = true;
        Socket s = socket;
        if (s != null) {
            s.ref();
        }
        return this;
    }

    @Override
    public WebSocket unref() {
        referenced = false;
        Socket s = socket;
        if (s != null) {
            s.unref();
        }
        return this;
    }

    @Override
    public boolean hasRef() {
        Socket s = socket;
        return s == null ? referenced : s.hasRef();
    }

    @Override
    public String toString() {
        return "WebSocket[" + (client ? "client " : "server ") + url + ", " + state + "]";
    }
}
