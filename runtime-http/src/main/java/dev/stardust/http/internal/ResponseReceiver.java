package dev.stardust.http.internal;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.zlib.internal.Codec;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * The reply side of a client request: turns Netty's decoded response into a {@link ClientResponse}. Interim
 * {@code 1xx} heads become {@code information} events, the body is decompressed when the request asked for it, a
 * parse error becomes node's {@code HPE_*} error, and the end hands the connection back through the request.
 */
final class ResponseReceiver {
    private final RealClientRequest request;
    private final String method;
    private final long decompressLimit;
    private @Nullable Codec decoder;
    private boolean interim;
    private boolean keepAlive;

    ResponseReceiver(RealClientRequest request, String method, long decompressLimit) {
        this.request = request;
        this.method = method;
        this.decompressLimit = decompressLimit;
    }

    /** Whether the server said the connection may serve another request. */
    boolean keepAlive() {
        return keepAlive;
    }

    void onMessage(ClientConnection c, Object msg) {
        try {
            if (!request.awaitsReply()) {
                return;
            }
            request.timers.refresh();
            if (msg instanceof HttpResponse head) {
                DecoderResult result = head.decoderResult();
                if (result.isFailure()) {
                    parseError(c, result.cause(), false);
                    return;
                }
                int status = head.status().code();
                if (status >= 100 && status < 200 && status != 101) {
                    interim = true;
                    request.emit("information", status);
                    return;
                }
                keepAlive = HttpUtil.isKeepAlive(head);
                decoder = BodyDecoding.decoderFor(head.headers(), decompressLimit, method);
                request.responded(new ClientResponse(c, request, status, head.status().reasonPhrase(),
                        head.protocolVersion() == HttpVersion.HTTP_1_0 ? "1.0" : "1.1",
                        ReceivedHeaders.of(head.headers()), PeerAddresses.of(c.channel.localAddress()),
                        PeerAddresses.of(c.channel.remoteAddress())));
            }
            if (msg instanceof HttpContent content) {
                if (content.decoderResult().isFailure()) {
                    parseError(c, content.decoderResult().cause(), true);
                    return;
                }
                if (interim) {
                    interim = !(content instanceof LastHttpContent);
                    return;
                }
                ClientResponse r = request.response();
                if (r == null) {
                    return;
                }
                ByteBuf data = content.content();
                Codec d = decoder;
                if (data.isReadable()) {
                    byte[] bytes = new byte[data.readableBytes()];
                    data.getBytes(data.readerIndex(), bytes);
                    if (d == null) {
                        r.body(Buffer.wrap(bytes));
                    } else if (!BodyDecoding.feed(d, Buffer.wrap(bytes), r::body, this::decodeFailed)) {
                        return;
                    }
                }
                if (d != null && content instanceof LastHttpContent
                        && !BodyDecoding.finish(d, r::body, this::decodeFailed)) {
                    return;
                }
                if (content instanceof LastHttpContent lastContent) {
                    request.complete(c, r, ReceivedHeaders.of(lastContent.trailingHeaders()));
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void decodeFailed(StardustException error) {
        Codec d = decoder;
        if (d != null) {
            d.close();
        }
        request.destroyConnection();
        request.failResponseOrRequest(error);
    }

    private void parseError(ClientConnection c, Throwable cause, boolean inBody) {
        if (cause instanceof StardustException strict) {
            // The head scanner's verdict already carries llhttp's code and message.
            c.close();
            request.failResponseOrRequest(strict);
            return;
        }
        String code = cause instanceof PrematureChannelClosureException ? "ECONNRESET"
                : cause instanceof TooLongFrameException ? "HPE_HEADER_OVERFLOW"
                : inBody ? "HPE_INVALID_CHUNK_SIZE" : NettyFaults.code(String.valueOf(cause.getMessage()));
        // A connection that ends inside the head is node's "socket hang up" (no response yet), inside the body
        // its "aborted".
        String closed = request.response() == null ? "socket hang up" : "aborted";
        StardustException error = new StardustException(code, "ECONNRESET".equals(code) ? closed
                : "Parse Error: " + cause.getMessage(), cause);
        c.close();
        request.failResponseOrRequest(error);
    }
}
