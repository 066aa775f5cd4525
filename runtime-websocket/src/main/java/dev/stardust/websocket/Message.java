package dev.stardust.websocket;

import dev.stardust.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * One whole message a {@link WebSocket} received, its fragments joined (node's {@code ws} {@code 'message'} event's
 * {@code (data, isBinary)}). A text message's bytes are valid UTF-8: the connection checked them.
 *
 * @param data the payload, decompressed when {@code permessage-deflate} is on
 * @param binary whether it came as a binary message rather than text
 */
public record Message(Buffer data, boolean binary) {

    /** The payload as text (UTF-8), for a text message or a binary one known to hold text. */
    public String text() {
        return data.toString(StandardCharsets.UTF_8);
    }
}
