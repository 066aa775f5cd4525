package dev.stardust.http.internal;

import dev.stardust.Buffer;
import dev.stardust.http.Headers;
import dev.stardust.http.internal.RequestParts.BodyFailure;
import dev.stardust.http.internal.RequestParts.End;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Turns Netty's decoded messages into the {@link RequestParts} a {@link ServerConnection} queues and handles: the
 * head or its rejection, body chunks copied out of Netty's buffers (which are released here), the end with its
 * trailers, or the body's decoding failure. Stateless: nothing is allocated beyond the parts themselves.
 */
final class RequestPartConverter {
    private RequestPartConverter() {
    }

    /** Hands the parts of {@code msg} to {@code into}, in order, and releases {@code msg}. */
    static void convert(Object msg, ServerConnection into) {
        Object item;
        if (msg instanceof HttpRequest request) {
            item = RequestParts.head(request, into.server.options.maxHeadersCount());
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof HttpContent content) {
            try {
                if (content.decoderResult().isFailure()) {
                    item = new BodyFailure(content.decoderResult().cause());
                } else {
                    ByteBuf data = content.content();
                    Buffer chunk = data.isReadable() ? RequestParts.copy(data) : null;
                    if (content instanceof LastHttpContent lastContent) {
                        Headers trailers = ReceivedHeaders.of(lastContent.trailingHeaders());
                        if (chunk != null) {
                            into.take(chunk);
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
        into.take(item);
    }
}
