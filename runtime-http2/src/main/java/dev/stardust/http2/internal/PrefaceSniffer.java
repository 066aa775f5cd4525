package dev.stardust.http2.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decides what a cleartext connection speaks from its first bytes: the HTTP/2 client preface
 * ({@code PRI * HTTP/2.0...}, h2c with prior knowledge) or anything else, which is HTTP/1.1. It waits only as long as
 * the bytes so far match the preface, then leaves the pipeline and the bytes go on to the protocol chosen.
 */
final class PrefaceSniffer extends ByteToMessageDecoder {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private final Http2ServerCore server;

    PrefaceSniffer(Http2ServerCore server) {
        this.server = server;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int n = Math.min(in.readableBytes(), PREFACE.length);
        boolean http2 = true;
        for (int i = 0; i < n && http2; i++) {
            http2 = in.getByte(in.readerIndex() + i) == PREFACE[i];
        }
        if (http2 && n < PREFACE.length) {
            return;
        }
        // The protocol's handlers go on first: leaving, this decoder hands the bytes it holds to the next handler.
        if (http2) {
            server.startHttp2(ctx.channel());
        } else {
            server.startHttp1(ctx.channel());
        }
        ctx.pipeline().remove(this);
    }
}
