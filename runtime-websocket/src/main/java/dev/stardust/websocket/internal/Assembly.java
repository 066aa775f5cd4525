package dev.stardust.websocket.internal;

import dev.stardust.Buffer;
import dev.stardust.websocket.Message;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Joins a message's fragments, copied out of Netty's buffers, and fails with {@code 1009} once their total passes
 * {@code maxPayload}. The frame decoder has checked the order (a continuation only inside a message, no new message
 * inside one) and the UTF-8 validator the text, across fragments, so only the size is left to check here.
 */
final class Assembly {
    private final int maxPayload;
    private final List<byte[]> parts = new ArrayList<>();
    private boolean binary;
    private long size;

    Assembly(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    /** Adds a data frame; returns the message it completes, or null. */
    @Nullable Message add(WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
            clear();
            binary = frame instanceof BinaryWebSocketFrame;
        }
        ByteBuf content = frame.content();
        size += content.readableBytes();
        if (size > maxPayload) {
            clear();
            throw new WsErrors.Violation(WsErrors.MESSAGE_TOO_BIG, "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH",
                    "a message is larger than maxPayload (" + maxPayload + " bytes)");
        }
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        if (!frame.isFinalFragment()) {
            parts.add(bytes);
            return null;
        }
        Buffer data;
        if (parts.isEmpty()) {
            data = Buffer.wrap(bytes);
        } else {
            byte[] all = new byte[(int) size];
            int at = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, all, at, part.length);
                at += part.length;
            }
            System.arraycopy(bytes, 0, all, at, bytes.length);
            data = Buffer.wrap(all);
        }
        Message message = new Message(data, binary);
        clear();
        return message;
    }

    /** Drops a message in progress. */
    void clear() {
        parts.clear();
        size = 0;
    }
}
