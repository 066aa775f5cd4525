package dev.stardust.websocket;

import dev.stardust.http.IncomingMessage;
import java.util.List;
import java.util.Optional;

/**
 * An opening handshake a {@link WebSocketServer} received, handed to its hook ({@link WebSocketOptions#withHandshake})
 * to decide on, at once or later (after an asynchronous check): node's {@code ws} {@code verifyClient} and
 * {@code handleProtocols}. The first decision counts; a later one throws {@code ERR_INVALID_STATE}. Loop thread only.
 */
public interface Handshake {

    /** The upgrade request (node's {@code req}), with its headers, URL and socket address. */
    IncomingMessage request();

    /** The request's path, without its query. */
    String path();

    /** The {@code Origin} header, which browsers send: the page's origin, to check against cross-site use. */
    Optional<String> origin();

    /** The sub-protocols the client offered ({@code Sec-WebSocket-Protocol}), in its order of preference. */
    List<String> protocols();

    /** Accepts with the first sub-protocol offered, if any (node's {@code ws} default). */
    void accept();

    /** Accepts and answers with {@code protocol}, which must be one of {@link #protocols()}. */
    void accept(String protocol);

    /** Answers with HTTP {@code status} (400 to 599) and closes the connection (node's {@code cb(false, code)}). */
    void reject(int status);

    /** As {@link #reject(int)}, with {@code message} as the response's body. */
    void reject(int status, String message);
}
