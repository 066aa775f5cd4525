package dev.stardust.http.internal;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.EmptyHttpHeaders;

/** Netty's encoder, told which heads describe a body that is never sent (responses to HEAD). */
final class ResponseEncoder extends HttpResponseEncoder {

    @Override
    protected boolean isContentAlwaysEmpty(HttpResponse msg) {
        return msg instanceof BodylessHead || msg instanceof BodylessFull || super.isContentAlwaysEmpty(msg);
    }

    /** A head whose body is omitted; its headers still describe it. */
    static final class BodylessHead extends DefaultHttpResponse {
        BodylessHead(HttpVersion version, HttpResponseStatus status, HttpHeaders headers) {
            super(version, status, headers);
        }
    }

    /** A complete response without a body whose headers may still announce one. */
    static final class BodylessFull extends DefaultFullHttpResponse {
        BodylessFull(HttpVersion version, HttpResponseStatus status, HttpHeaders headers) {
            super(version, status, Unpooled.EMPTY_BUFFER, headers, EmptyHttpHeaders.INSTANCE);
        }
    }
}
