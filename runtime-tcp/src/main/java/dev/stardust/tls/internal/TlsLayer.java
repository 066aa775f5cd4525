package dev.stardust.tls.internal;

import dev.stardust.net.internal.ChannelLayer;
import dev.stardust.tls.TlsOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.nio.channels.ClosedChannelException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * TLS as a socket layer: an {@link SslHandler} (or, for a server with SNI contexts, an {@link SniHandler} that
 * becomes one) ahead of the socket's bridge, and a watcher that completes the handshake future from Netty's
 * handshake event, whichever handler produced it.
 */
public final class TlsLayer implements ChannelLayer {
    private final TlsOptions options;
    private final SslContext context;
    private final Map<String, SslContext> sni;

    /** The server layer for {@code options}, building its contexts now so that bad options fail at once. */
    public static TlsLayer server(TlsOptions options) {
        Map<String, SslContext> sni = new HashMap<>();
        options.sniContexts().forEach((name, o) -> sni.put(name, Contexts.server(o)));
        return new TlsLayer(options, Contexts.server(options), Map.copyOf(sni));
    }

    /** The client layer for {@code options}. */
    public static TlsLayer client(TlsOptions options) {
        return new TlsLayer(options, Contexts.client(options), Map.of());
    }

    private TlsLayer(TlsOptions options, SslContext context, Map<String, SslContext> sni) {
        this.options = options;
        this.context = context;
        this.sni = sni;
    }

    @Override
    public Future<?> install(Channel ch, boolean client, String host, int port) {
        Promise<Void> handshake = ch.eventLoop().newPromise();
        ch.pipeline().addLast(client ? clientHandler(ch, host, port) : serverHandler(ch));
        ch.pipeline().addLast(new Watcher(handshake));
        return handshake;
    }

    /** The client's handler for a connection to {@code host}:{@code port}: SNI and host name checks for the name. */
    public SslHandler clientHandler(Channel ch, String host, int port) {
        String name = options.servername().orElse(host);
        SslHandler h = context.newHandler(ch.alloc(), name, port);
        SSLEngine engine = h.engine();
        if (!NetUtil.isValidIpV4Address(name) && !NetUtil.isValidIpV6Address(name) && !name.isEmpty()) {
            SSLParameters p = engine.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(name)));
            engine.setSSLParameters(p);
        }
        h.setHandshakeTimeoutMillis(options.handshakeTimeoutMs());
        return h;
    }

    /** The server's handler: an SslHandler, or an SniHandler choosing the context by the client's name. */
    public ChannelHandler serverHandler(Channel ch) {
        if (sni.isEmpty()) {
            SslHandler h = context.newHandler(ch.alloc());
            h.setHandshakeTimeoutMillis(options.handshakeTimeoutMs());
            return h;
        }
        return new SniHandler((String name) -> name == null ? context
                : sni.getOrDefault(name.toLowerCase(Locale.ROOT), context), options.handshakeTimeoutMs());
    }

    @Override
    public Future<?> closeOutbound(Channel ch) {
        SslHandler ssl = ch.pipeline().get(SslHandler.class);
        return ssl == null ? ch.eventLoop().newSucceededFuture(null) : ssl.closeOutbound();
    }

    @Override
    public Throwable error(Throwable cause) {
        return TlsErrors.from(cause);
    }

    /** Completes the handshake future from the handshake event, or fails it when the channel closes first. */
    private static final class Watcher extends ChannelInboundHandlerAdapter {
        private final Promise<Void> handshake;

        Watcher(Promise<Void> handshake) {
            this.handshake = handshake;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent done) {
                if (done.isSuccess()) {
                    handshake.trySuccess(null);
                } else {
                    handshake.tryFailure(done.cause());
                }
            }
            if (evt instanceof ChannelInputShutdownEvent && !handshake.isDone()) {
                // Half-closure is on, so a peer that hangs up mid-handshake (a server past its maxConnections)
                // ends the input without closing the channel: the handshake can never finish.
                handshake.tryFailure(new ClosedChannelException());
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!handshake.isDone()) {
                handshake.tryFailure(cause);
                return;
            }
            ctx.fireExceptionCaught(cause);
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            // A client's layer goes on once it has connected (the SslHandler before this has started the
            // handshake): no channelActive will come, so ask for the first read here.
            if (ctx.channel().isActive()) {
                readForHandshake(ctx);
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.fireChannelActive();
            readForHandshake(ctx);
        }

        /**
         * Sockets read on demand (auto-read off) and ask only once set up: the handshake needs its reads now;
         * the SslHandler asks for the following ones until the handshake is done.
         */
        private static void readForHandshake(ChannelHandlerContext ctx) {
            if (!ctx.channel().config().isAutoRead()) {
                ctx.read();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            handshake.tryFailure(new ClosedChannelException());
            ctx.fireChannelInactive();
        }
    }
}
