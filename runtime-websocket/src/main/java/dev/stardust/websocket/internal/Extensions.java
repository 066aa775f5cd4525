package dev.stardust.websocket.internal;

import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionUtil;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code permessage-deflate}'s negotiation (RFC 7692), by Netty's extension handshakers: which offer a server
 * accepts and what it answers, what a client offers and whether it accepts the answer. Only Netty's encoder is used;
 * receiving goes through {@link Inflate}, which bounds what a message inflates to.
 */
final class Extensions {
    private Extensions() {
    }

    /** What was agreed: the header value sent or received, and the encoder to put on the channel. */
    record Agreed(String header, WebSocketExtension extension) {
    }

    /** The server's answer to a {@code Sec-WebSocket-Extensions} offer; null when nothing is agreed. */
    static @Nullable Agreed serverAccept(@Nullable String offer) {
        if (offer == null) {
            return null;
        }
        PerMessageDeflateServerExtensionHandshaker handshaker = new PerMessageDeflateServerExtensionHandshaker();
        for (WebSocketExtensionData data : WebSocketExtensionUtil.extractExtensions(offer)) {
            WebSocketServerExtension extension = handshaker.handshakeExtension(data);
            if (extension != null) {
                return new Agreed(format(extension.newReponseData()), extension);
            }
        }
        return null;
    }

    /** A client's offer. */
    static String clientOffer() {
        return format(new PerMessageDeflateClientExtensionHandshaker().newRequestData());
    }

    /**
     * The extension in a server's answer to {@link #clientOffer()}; null when it answered none.
     *
     * @throws IllegalArgumentException when it answered something not offered or not acceptable
     */
    static @Nullable Agreed clientAccept(@Nullable String answer, boolean offered) {
        if (answer == null || answer.isBlank()) {
            return null;
        }
        PerMessageDeflateClientExtensionHandshaker handshaker = new PerMessageDeflateClientExtensionHandshaker();
        Agreed agreed = null;
        for (WebSocketExtensionData data : WebSocketExtensionUtil.extractExtensions(answer)) {
            WebSocketClientExtension extension = offered && agreed == null ? handshaker.handshakeExtension(data) : null;
            if (extension == null) {
                throw new IllegalArgumentException("the server answered an extension not offered: " + answer);
            }
            agreed = new Agreed(answer.trim(), extension);
        }
        return agreed;
    }

    private static String format(WebSocketExtensionData data) {
        StringBuilder b = new StringBuilder(data.name());
        for (Map.Entry<String, String> p : data.parameters().entrySet()) {
            b.append("; ").append(p.getKey());
            if (p.getValue() != null) {
                b.append('=').append(p.getValue());
            }
        }
        return b.toString();
    }
}
