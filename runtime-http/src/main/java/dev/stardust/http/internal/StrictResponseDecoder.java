package dev.stardust.http.internal;

import dev.stardust.StardustException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.List;

/**
 * The client's response decoder: Netty's, with the head checked by a {@link ResponseHeadScanner} on the bytes Netty
 * consumes, so a head that node's llhttp refuses fails here with llhttp's {@code HPE_*} code (the failed response
 * carries a {@link StardustException}), and nothing more is decoded from that connection. It is told the method of
 * the request each response answers, so that the response to a {@code HEAD} is known to have no body (what Netty's
 * {@code HttpClientCodec} does with its queue of methods; a connection here carries one request at a time).
 */
final class StrictResponseDecoder extends HttpResponseDecoder {
    private final ResponseHeadScanner scanner = new ResponseHeadScanner();
    private boolean inHead = true;
    private boolean failed;
    private boolean headRequest;

    StrictResponseDecoder(HttpDecoderConfig config) {
        super(config);
    }

    /** The next response answers a request with {@code method}. */
    void answering(String method) {
        headRequest = "HEAD".equals(method);
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage msg) {
        if (headRequest && msg instanceof HttpResponse response && response.status().code() >= 200) {
            return true;
        }
        return super.isContentAlwaysEmpty(msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (failed) {
            buffer.skipBytes(buffer.readableBytes());
            return;
        }
        int before = buffer.readerIndex();
        int already = out.size();
        boolean scanning = inHead;
        super.decode(ctx, buffer, out);
        if (scanning && !scanner.stopped() && buffer.readerIndex() > before) {
            buffer.forEachByte(before, buffer.readerIndex() - before, scanner);
            String code = scanner.code();
            if (code != null) {
                fail(buffer, out, already, new StardustException(code, "Parse Error: " + scanner.reason()));
                return;
            }
        }
        for (int i = already; i < out.size(); i++) {
            Object msg = out.get(i);
            if (msg instanceof HttpMessage) {
                inHead = false;
            }
            if (msg instanceof LastHttpContent) {
                inHead = true;
                scanner.reset();
            }
        }
    }

    private void fail(ByteBuf buffer, List<Object> out, int already, StardustException error) {
        failed = true;
        while (out.size() > already) {
            ReferenceCountUtil.release(out.remove(out.size() - 1));
        }
        buffer.skipBytes(buffer.readableBytes());
        DefaultHttpResponse bad = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_GATEWAY);
        bad.setDecoderResult(DecoderResult.failure(error));
        out.add(bad);
    }
}
