package dev.stardust.http2.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

/**
 * After the TLS handshake of a secure server's connection, hands it to HTTP/2 when the client chose {@code h2} with
 * ALPN, and to the HTTP/1.1 fallback otherwise (a client that offered no ALPN at all speaks HTTP/1.1, as browsers
 * and curl {@code --http1.1} do). What arrived meanwhile is replayed to the chosen protocol by Netty's handler.
 */
final class AlpnSwitch extends ApplicationProtocolNegotiationHandler {
    private final Http2ServerCore server;

    AlpnSwitch(Http2ServerCore server) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.server = server;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            server.startHttp2(ctx.channel());
        } else {
            server.startHttp1(ctx.channel());
        }
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        // A client that failed its handshake gets nothing more; node's server emits tlsClientError, nobody else hears.
        ctx.close();
    }
}
