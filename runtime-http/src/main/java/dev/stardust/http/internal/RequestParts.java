package dev.stardust.http.internal;

import dev.stardust.Buffer;
import dev.stardust.http.Headers;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;

/**
 * What a server connection queues for each request, in order: the head (Netty's {@link HttpRequest}) or its
 * {@link Reject}ion, body chunks as {@link Buffer}s, then the {@link End} with the trailers, or a {@link BodyFailure}.
 * Pipelined requests wait in this form until the response before them has ended.
 */
final class RequestParts {
    private RequestParts() {
    }

    /**
     * A request refused before any handler sees it: answered with {@code status}, then the connection closes;
     * {@code code} and {@code reason} are node's llhttp's ({@code HPE_*}) for the same fault.
     */
    record Reject(int status, String code, String reason) {
        /** A refusal for the connection's own reasons (a timeout, a limit), not the request's bytes. */
        Reject(int status) {
            this(status, "", "");
        }
    }

    /** The body could not be decoded (a bad chunk size, say). */
    record BodyFailure(Throwable cause) {
    }

    /** The end of the body, with its trailers. */
    record End(Headers trailers) {
    }

    /** {@code request} when it passes the decoder and {@link RequestChecks}, else its {@link Reject}. */
    static Object head(HttpRequest request, int maxHeadersCount) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            return RequestChecks.forDecoderFailure(result.cause(), false);
        }
        Reject reject = RequestChecks.check(request, maxHeadersCount);
        return reject == null ? request : reject;
    }

    /** The readable bytes of {@code data}, copied: the buffer goes back to Netty's pool at once. */
    static Buffer copy(ByteBuf data) {
        byte[] bytes = new byte[data.readableBytes()];
        data.getBytes(data.readerIndex(), bytes);
        return Buffer.wrap(bytes);
    }
}
