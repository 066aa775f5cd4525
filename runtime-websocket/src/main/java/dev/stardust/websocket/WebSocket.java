package dev.stardust.websocket;

import dev.stardust.Buffer;
import dev.stardust.EventEmitter;
import dev.stardust.Handle;
import dev.stardust.Promise;
import dev.stardust.http.IncomingMessage;
import dev.stardust.websocket.internal.ClientHandshake;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One WebSocket connection, either end (node's {@code ws} {@code WebSocket}). Events: {@code open} (a client's
 * handshake succeeded), {@code message} (a {@link Message}: a whole text or binary message), {@code ping} and
 * {@code pong} (their {@link Buffer}), {@code drain}, {@code error} and {@code close} (a {@link CloseEvent}, last and
 * once). Pings are answered with pongs automatically; a close frame from the peer is answered with one.
 *
 * <p>{@link #send}, {@link #ping}, {@link #pong} and {@link #close} return promises: a send completes once its frame
 * was handed to the kernel, so a peer that stops reading leaves it pending, {@link #bufferedAmount()} growing and
 * {@link #writableNeedDrain()} true until {@code drain}; past {@link WebSocketOptions#maxBufferedAmount()} a send fails
 * with {@code WS_ERR_SEND_BUFFER_FULL} instead of growing the heap. A send on a connection that is no longer open fails
 * with {@code WS_ERR_NOT_OPEN} and, as {@code ws} drops such a send, that failure is not reported as unhandled: the
 * {@code close} event says it all.
 *
 * <p>{@code error} carries what no promise could: a protocol violation by the peer (node's {@code ws} codes such as
 * {@code WS_ERR_INVALID_UTF8}, {@code WS_ERR_EXPECTED_MASK}, {@code WS_ERR_UNSUPPORTED_MESSAGE_LENGTH}), after which
 * the connection is closed with the matching status ({@code 1002}, {@code 1007}, {@code 1009}); a client's failed
 * handshake ({@code WS_ERR_UNEXPECTED_RESPONSE}, or the socket's {@code ECONNREFUSED}, TLS errors); a reset. As every
 * {@code error} event, one with no listener goes to the loop's uncaught-exception handler. Loop thread only.
 */
public abstract class WebSocket extends EventEmitter implements Handle {

    /** Where a connection is in its life (node's {@code ws.readyState}: 0 to 3). */
    public enum ReadyState {
        /** A client's handshake is under way. */
        CONNECTING,
        /** Messages flow both ways. */
        OPEN,
        /** A close frame was sent or received; the connection is ending. */
        CLOSING,
        /** The connection is closed; {@code close} was emitted. */
        CLOSED
    }

    /** For the implementation only. */
    protected WebSocket() {
    }

    /**
     * Opens a client connection to a {@code ws://} or {@code wss://} URL with the default options (node's
     * {@code new WebSocket(url)}); the connection is returned at once, in {@code CONNECTING}, and reports {@code open}
     * or {@code error} then {@code close}.
     *
     * @throws dev.stardust.StardustException {@code ERR_INVALID_URL} for a URL that is not {@code ws}/{@code wss}
     */
    public static WebSocket connect(String url) {
        return connect(url, WebSocketOptions.defaults());
    }

    /** As {@link #connect(String)}, with sub-protocols, headers, TLS settings and limits (node's {@code options}). */
    public static WebSocket connect(String url, WebSocketOptions options) {
        return ClientHandshake.connect(url, options);
    }

    /** Sends a text message (node's {@code ws.send(string)}); the promise completes once it is written. */
    public abstract Promise<Void> send(String text);

    /** Sends a binary message (node's {@code ws.send(buffer)}); the promise completes once it is written. */
    public abstract Promise<Void> send(Buffer data);

    /**
     * Sends {@code text} as one fragment of a text message (node's {@code ws.send(string, {fin})}): with
     * {@code fin == false} the message goes on with the next {@code send}, whose frames are continuations whatever
     * their type, until one with {@code fin == true} ends it; pings, pongs and a close may go out in between. The
     * peer receives one message. The promise completes once this fragment is written.
     */
    public abstract Promise<Void> send(String text, boolean fin);

    /** As {@link #send(String, boolean)}, for a fragment of a binary message (node's {@code ws.send(buf, {fin})}). */
    public abstract Promise<Void> send(Buffer data, boolean fin);

    /** Sends a ping with no payload (node's {@code ws.ping()}); the peer's {@code pong} arrives as an event. */
    public abstract Promise<Void> ping();

    /** Sends a ping carrying {@code data}, at most 125 bytes (node's {@code ws.ping(data)}). */
    public abstract Promise<Void> ping(Buffer data);

    /** Sends an unsolicited pong carrying {@code data}, at most 125 bytes (node's {@code ws.pong(data)}). */
    public abstract Promise<Void> pong(Buffer data);

    /**
     * Starts the closing handshake with no status code (the peer sees {@code 1005}, node's {@code ws.close()}); the
     * promise completes once the connection is closed, after {@code close}. A second call returns the same promise.
     */
    public abstract Promise<Void> close();

    /**
     * Starts the closing handshake with {@code code} and {@code reason} (node's {@code ws.close(code, reason)}).
     *
     * @throws dev.stardust.StardustException {@code WS_ERR_INVALID_CLOSE_CODE} for a code an endpoint may not send
     *     (only 1000, 1001 to 1003, 1007 to 1014 and 3000 to 4999 may be), {@code ERR_OUT_OF_RANGE} for a reason over
     *     123 bytes of UTF-8
     */
    public abstract Promise<Void> close(int code, String reason);

    /** Ends the connection at once, without the closing handshake (node's {@code ws.terminate()}); {@code close} is 1006. */
    public abstract void terminate();

    /**
     * Stops reading from the peer, so that its sends back up, and delivers nothing (no message, ping, pong or close
     * frame) until {@link #resume()}, not even frames that came in the same read as the handshake (node's
     * {@code ws.pause()}). A client may be paused while connecting: it opens, then waits for {@code resume}.
     */
    public abstract WebSocket pause();

    /**
     * Reads from the peer again after {@link #pause()} (node's {@code ws.resume()}); what was held is delivered from
     * an immediate, in order, before anything read later.
     */
    public abstract WebSocket resume();

    /** Whether reading is paused (node's {@code ws.isPaused}). */
    public abstract boolean isPaused();

    /** Where the connection is in its life (node's {@code ws.readyState}). */
    public abstract ReadyState readyState();

    /** Payload bytes of sends not yet handed to the kernel (node's {@code ws.bufferedAmount}). */
    public abstract long bufferedAmount();

    /** Whether {@link #bufferedAmount()} reached the high-water mark: wait for {@code drain} before sending more. */
    public abstract boolean writableNeedDrain();

    /** The sub-protocol agreed on, or empty (node's {@code ws.protocol}). */
    public abstract String protocol();

    /** The extensions agreed on, as their header value, or empty (node's {@code ws.extensions}). */
    public abstract String extensions();

    /** A client's URL; a server connection's request URL (node's {@code ws.url}). */
    public abstract String url();

    /** The upgrade request a server connection was accepted from; empty on a client. */
    public abstract Optional<IncomingMessage> upgradeRequest();

    /** The peer's IP address (node's {@code ws._socket.remoteAddress}); empty before a client connected. */
    public abstract String remoteAddress();

    /** The peer's port (node's {@code ws._socket.remotePort}); 0 before a client connected. */
    public abstract int remotePort();

    @Override
    public abstract WebSocket ref();

    @Override
    public abstract WebSocket unref();

    /** Adds a listener for {@code open}: a client's handshake succeeded (node's {@code ws.on('open')}). */
    public WebSocket onOpen(Runnable listener) {
        onNoValue("open", listener, false);
        return this;
    }

    /** Adds a listener for each whole message received (node's {@code ws.on('message', (data, isBinary) => ...)}). */
    public WebSocket onMessage(Consumer<Message> listener) {
        on("message", listener);
        return this;
    }

    /** Adds a listener for each ping received, after it was answered (node's {@code ws.on('ping')}). */
    public WebSocket onPing(Consumer<Buffer> listener) {
        on("ping", listener);
        return this;
    }

    /** Adds a listener for each pong received (node's {@code ws.on('pong')}). */
    public WebSocket onPong(Consumer<Buffer> listener) {
        on("pong", listener);
        return this;
    }

    /** Adds a listener for {@code drain}: every buffered send was written (node's {@code socket.on('drain')}). */
    public WebSocket onDrain(Runnable listener) {
        onNoValue("drain", listener, false);
        return this;
    }

    /** Adds a listener for errors no promise could carry (node's {@code ws.on('error')}). */
    public WebSocket onError(Consumer<Throwable> listener) {
        on("error", listener);
        return this;
    }

    /** Adds a listener for {@code close}, the last event (node's {@code ws.on('close', (code, reason) => ...)}). */
    public WebSocket onClose(Consumer<CloseEvent> listener) {
        on("close", listener);
        return this;
    }
}
