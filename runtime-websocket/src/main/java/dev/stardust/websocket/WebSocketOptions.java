package dev.stardust.websocket;

import dev.stardust.StardustException;
import dev.stardust.http.Agent;
import dev.stardust.tls.TlsOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link WebSocketServer} or of a client {@link WebSocket} (node's {@code ws} options object), as
 * an immutable value: each {@code with} returns a changed copy. The limits apply to both sides; {@code path} and
 * {@code handshake} only to servers, {@code protocols}, {@code headers}, {@code tls}, {@code agent} and
 * {@code handshakeTimeoutMs} only to clients.
 *
 * <p>Defaults: messages and frames up to 16 MiB (a larger one closes the connection with {@code 1009}), at most
 * 16 MiB waiting to be sent per connection (a {@code send} past that fails), {@code drain} below 64 KiB,
 * {@code permessage-deflate} off, no idle timeout, 30 s for the closing and the opening handshakes.
 */
public final class WebSocketOptions {
    private static final int MIB = 1024 * 1024;

    private int maxPayload = 16 * MIB;
    private int maxFrameSize = 16 * MIB;
    private long maxBufferedAmount = 16 * MIB;
    private long highWaterMark = 64 * 1024;
    private boolean perMessageDeflate;
    private long idleTimeoutMs;
    private long closeTimeoutMs = 30_000;
    private long handshakeTimeoutMs = 30_000;
    private @Nullable String path;
    private @Nullable Consumer<Handshake> handshake;
    private List<String> protocols = List.of();
    private Map<String, String> headers = Map.of();
    private TlsOptions tls = TlsOptions.defaults();
    private @Nullable Agent agent;

    private WebSocketOptions() {
    }

    /** The defaults above. */
    public static WebSocketOptions defaults() {
        return new WebSocketOptions();
    }

    private WebSocketOptions copy() {
        WebSocketOptions c = new WebSocketOptions();
        c.maxPayload = maxPayload;
        c.maxFrameSize = maxFrameSize;
        c.maxBufferedAmount = maxBufferedAmount;
        c.highWaterMark = highWaterMark;
        c.perMessageDeflate = perMessageDeflate;
        c.idleTimeoutMs = idleTimeoutMs;
        c.closeTimeoutMs = closeTimeoutMs;
        c.handshakeTimeoutMs = handshakeTimeoutMs;
        c.path = path;
        c.handshake = handshake;
        c.protocols = protocols;
        c.headers = headers;
        c.tls = tls;
        c.agent = agent;
        return c;
    }

    private static long positive(String name, long value) {
        if (value <= 0) {
            throw new StardustException("ERR_OUT_OF_RANGE", name + " must be positive, got " + value);
        }
        return value;
    }

    /** The largest message accepted, fragments joined and decompressed (node's {@code ws} {@code maxPayload}). */
    public int maxPayload() {
        return maxPayload;
    }

    /** Sets {@link #maxPayload()}; a larger message closes the connection with {@code 1009}. */
    public WebSocketOptions withMaxPayload(int bytes) {
        WebSocketOptions c = copy();
        c.maxPayload = (int) positive("maxPayload", bytes);
        return c;
    }

    /** The largest frame payload accepted as it comes off the wire (compressed, when compression is on). */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /** Sets {@link #maxFrameSize()}; a larger frame closes the connection with {@code 1009}. */
    public WebSocketOptions withMaxFrameSize(int bytes) {
        WebSocketOptions c = copy();
        c.maxFrameSize = (int) positive("maxFrameSize", bytes);
        return c;
    }

    /** The most payload bytes a connection holds waiting to be sent; a {@code send} past it fails. */
    public long maxBufferedAmount() {
        return maxBufferedAmount;
    }

    /**
     * Sets {@link #maxBufferedAmount()}: a {@code send} that would pass it fails with
     * {@code WS_ERR_SEND_BUFFER_FULL} instead of queueing, so a peer that stops reading cannot grow the heap. A single
     * message on an empty buffer is always taken.
     */
    public WebSocketOptions withMaxBufferedAmount(long bytes) {
        WebSocketOptions c = copy();
        c.maxBufferedAmount = positive("maxBufferedAmount", bytes);
        return c;
    }

    /** From how many buffered bytes {@link WebSocket#writableNeedDrain()} is true (node's {@code highWaterMark}). */
    public long highWaterMark() {
        return highWaterMark;
    }

    /** Sets {@link #highWaterMark()}. */
    public WebSocketOptions withHighWaterMark(long bytes) {
        WebSocketOptions c = copy();
        c.highWaterMark = positive("highWaterMark", bytes);
        return c;
    }

    /** Whether {@code permessage-deflate} (RFC 7692) is offered (client) or accepted (server). */
    public boolean perMessageDeflate() {
        return perMessageDeflate;
    }

    /**
     * Turns {@code permessage-deflate} on or off (node's {@code ws} {@code perMessageDeflate}); a received message
     * still may not inflate past {@link #maxPayload()}, so a zip bomb closes with {@code 1009}.
     */
    public WebSocketOptions withPerMessageDeflate(boolean enable) {
        WebSocketOptions c = copy();
        c.perMessageDeflate = enable;
        return c;
    }

    /** After how long without anything received a ping is sent, and after as long again the connection ends; 0: never. */
    public long idleTimeoutMs() {
        return idleTimeoutMs;
    }

    /**
     * Sets {@link #idleTimeoutMs()}: with nothing received for that long a ping goes out, and with nothing received
     * for as long again the connection is terminated with an {@code ETIMEDOUT} error (the heartbeat node's
     * {@code ws} README shows, built in).
     */
    public WebSocketOptions withIdleTimeoutMs(long ms) {
        if (ms < 0) {
            throw new StardustException("ERR_OUT_OF_RANGE", "idleTimeoutMs must be 0 or more, got " + ms);
        }
        WebSocketOptions c = copy();
        c.idleTimeoutMs = ms;
        return c;
    }

    /** How long a close waits for the peer's close frame (and a client for the server's FIN) before terminating. */
    public long closeTimeoutMs() {
        return closeTimeoutMs;
    }

    /** Sets {@link #closeTimeoutMs()} (node's {@code ws} waits 30 s). */
    public WebSocketOptions withCloseTimeoutMs(long ms) {
        WebSocketOptions c = copy();
        c.closeTimeoutMs = positive("closeTimeoutMs", ms);
        return c;
    }

    /** How long a client waits for the server's {@code 101} (node's {@code ws} {@code handshakeTimeout}). */
    public long handshakeTimeoutMs() {
        return handshakeTimeoutMs;
    }

    /** Sets {@link #handshakeTimeoutMs()}. */
    public WebSocketOptions withHandshakeTimeoutMs(long ms) {
        WebSocketOptions c = copy();
        c.handshakeTimeoutMs = positive("handshakeTimeoutMs", ms);
        return c;
    }

    /** The only request path a server accepts (node's {@code ws} {@code path}); empty: every path. */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    /** Sets {@link #path()}, compared with the request's path without its query. */
    public WebSocketOptions withPath(String path) {
        WebSocketOptions c = copy();
        c.path = path;
        return c;
    }

    /** The server's hook that decides each handshake; empty: every handshake is accepted. */
    public Optional<Consumer<Handshake>> handshake() {
        return Optional.ofNullable(handshake);
    }

    /**
     * Sets the server's handshake hook (node's {@code ws} {@code verifyClient} and {@code handleProtocols} in one):
     * it sees the request, its {@code Origin} and offered sub-protocols, and accepts or rejects, now or later.
     */
    public WebSocketOptions withHandshake(Consumer<Handshake> hook) {
        WebSocketOptions c = copy();
        c.handshake = hook;
        return c;
    }

    /** The sub-protocols a client offers ({@code Sec-WebSocket-Protocol}, node's {@code ws} {@code protocols}). */
    public List<String> protocols() {
        return protocols;
    }

    /** Sets {@link #protocols()}. */
    public WebSocketOptions withProtocols(List<String> offered) {
        WebSocketOptions c = copy();
        c.protocols = List.copyOf(offered);
        return c;
    }

    /** Extra headers of a client's handshake request ({@code Origin}, {@code Authorization}, ...). */
    public Map<String, String> headers() {
        return headers;
    }

    /** Sets {@link #headers()} (node's {@code ws} {@code headers}). */
    public WebSocketOptions withHeaders(Map<String, String> requestHeaders) {
        WebSocketOptions c = copy();
        c.headers = Map.copyOf(requestHeaders);
        return c;
    }

    /** The TLS settings of a {@code wss://} client: by default the JDK's trust store, verifying the host name. */
    public TlsOptions tls() {
        return tls;
    }

    /**
     * Sets {@link #tls()}, the same options as {@code Tls.connect} and {@code Https.request} take ({@code ca},
     * {@code rejectUnauthorized}, {@code servername}, a client certificate...).
     */
    public WebSocketOptions withTls(TlsOptions options) {
        WebSocketOptions c = copy();
        c.tls = options;
        return c;
    }

    /** The HTTP agent a client's handshake goes through; empty: a connection of its own, as node's {@code ws}. */
    public Optional<Agent> agent() {
        return Optional.ofNullable(agent);
    }

    /**
     * Makes a client's handshake go through {@code agent} (node's {@code ws} {@code agent} option): it takes one of
     * the agent's {@code maxSockets} places for its host and port (for {@code wss://}, per {@link #tls()} object, as
     * HTTPS requests are counted), waiting its turn behind the agent's requests when they are all busy, and gives it
     * back once the handshake is over, as node's agent forgets a socket that was upgraded. The handshake always dials
     * a connection of its own: an idle keep-alive connection is not upgraded.
     */
    public WebSocketOptions withAgent(Agent agent) {
        WebSocketOptions c = copy();
        c.agent = agent;
        return c;
    }
}
