package dev.stardust.http2.internal;

import dev.stardust.EventEmitter;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.dns.Dns;
import dev.stardust.http.ClientRequest;
import dev.stardust.http.IncomingMessage;
import dev.stardust.internal.Errno;
import dev.stardust.internal.LoopHandle;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.RealLoop;
import dev.stardust.tls.TlsOptions;
import dev.stardust.tls.internal.TlsErrors;
import dev.stardust.tls.internal.TlsLayer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The Netty side of a client {@code Http2Session}: one connection to one origin (TLS with ALPN {@code h2}, or
 * cleartext with prior knowledge), Netty's frame codec and multiplexer on it, and a child channel per request.
 * Requests made before the connection is ready wait and go out once it is. The handle keeps the loop alive until
 * the session is closed, as node's session does. Connection failures are emitted as {@code error} on the session
 * (node's codes: {@code ECONNREFUSED}, {@code ENOTFOUND}, TLS errors, {@code ERR_HTTP2_ERROR} when the server does
 * not speak h2), and fail the requests still waiting.
 */
public final class ClientSession extends LoopHandle {
    private final EventEmitter session;
    private final String host;
    private final int port;
    private final @Nullable TlsOptions tls;
    private final List<ClientStream> waiting = new ArrayList<>();
    private final Set<ClientStream> open = new LinkedHashSet<>();
    private final LoopPromise<Void> closePromise;
    private @Nullable Channel channel;
    private @Nullable Http2FrameCodec codec;
    private boolean ready;
    private boolean closing;
    private boolean ended;

    public ClientSession(RealLoop loop, EventEmitter session, String host, int port, @Nullable TlsOptions tls) {
        super(loop);
        this.session = session;
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.closePromise = new LoopPromise<Void>(loop).markHandled();
        opened();
        // On the next tick, so that listeners added after connect() hear everything.
        loop.nextTick(this::lookup);
    }

    RealLoop loop() {
        return loop;
    }

    String scheme() {
        return tls == null ? "http" : "https";
    }

    String authority() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    /** {@code h2} over TLS, {@code h2c} in cleartext (node's {@code session.alpnProtocol}). */
    public String alpnProtocol() {
        return tls == null ? "h2c" : "h2";
    }

    public boolean connected() {
        return ready && !ended;
    }

    public boolean isClosed() {
        return ended;
    }

    private void lookup() {
        if (closing) {
            return;
        }
        if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
            connect(host);
            return;
        }
        Dns.lookup(host).onComplete((found, error) -> {
            if (error != null || found == null) {
                failed(error instanceof StardustException se ? se
                        : new StardustException("ENOTFOUND", "getaddrinfo ENOTFOUND " + host));
            } else {
                connect(found.address());
            }
        });
    }

    private void connect(String address) {
        InetSocketAddress remote = new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(address), port);
        Bootstrap b = new Bootstrap().group(loop.ioLoop()).channelFactory(() -> loop.transportKind().newSocketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInboundHandlerAdapter());
        b.connect(remote).addListener(f -> loop.invoke(() -> {
            Channel ch = ((ChannelFuture) f).channel();
            if (!f.isSuccess()) {
                ch.close();
                failed(Errno.from(f.cause(), "connect", address + ":" + port));
                return;
            }
            if (closing) {
                ch.close();
                return;
            }
            channel = ch;
            ch.closeFuture().addListener(c -> loop.invoke(this::channelClosed));
            TlsOptions t = tls;
            if (t == null) {
                startHttp2(ch);
            } else {
                TlsLayer layer = TlsLayer.client(t.withAlpnProtocols(List.of(ApplicationProtocolNames.HTTP_2)));
                ch.pipeline().addLast(layer.clientHandler(ch, host, port), new Handshake());
            }
        }));
    }

    private void startHttp2(Channel ch) {
        Http2FrameCodec c = Codecs.client();
        codec = c;
        ch.pipeline().addLast(c, new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()), new Frames());
        ready = true;
        session.emit("connect");
        List<ClientStream> pending = new ArrayList<>(waiting);
        waiting.clear();
        for (ClientStream s : pending) {
            openStream(s);
        }
        if (closing) {
            goAwayWhenIdle();
        }
    }

    /** A new request on this session (node's {@code session.request(headers)}). */
    public ClientRequest request(String method, String path, Consumer<IncomingMessage> onResponse) {
        loop.checkThread();
        if (closing || ended) {
            throw new StardustException("ERR_HTTP2_INVALID_SESSION", "The session has been destroyed or closed");
        }
        ClientStream s = new ClientStream(this, method, path, onResponse);
        if (ready) {
            openStream(s);
        } else {
            waiting.add(s);
        }
        return s;
    }

    private void openStream(ClientStream s) {
        Channel ch = channel;
        if (ch == null) {
            s.failToOpen(new StardustException("ERR_HTTP2_INVALID_SESSION", "The session has been destroyed"));
            return;
        }
        open.add(s);
        s.onClose(() -> {
            open.remove(s);
            if (closing) {
                goAwayWhenIdle();
            }
        });
        new Http2StreamChannelBootstrap(ch).open().addListener(f -> loop.invoke(() -> {
            if (f.isSuccess()) {
                s.open((Http2StreamChannel) f.getNow());
            } else {
                s.failToOpen(new StardustException("ERR_HTTP2_STREAM_ERROR",
                        "could not open a stream: " + f.cause().getMessage(), f.cause()));
            }
        }));
    }

    /** node's {@code session.close()}: no new requests; {@code GOAWAY} and the end once the open ones are done. */
    public Promise<Void> close() {
        loop.checkThread();
        if (!closing) {
            closing = true;
            if (channel == null && !ready) {
                // Not connected yet: requests made so far still go out, then the session closes.
                if (waiting.isEmpty()) {
                    end();
                }
            } else {
                goAwayWhenIdle();
            }
        }
        return closePromise;
    }

    private void goAwayWhenIdle() {
        Channel ch = channel;
        if (open.isEmpty() && ch != null) {
            // The codec sends GOAWAY (NO_ERROR) and closes.
            ch.close();
        }
    }

    /** node's {@code session.destroy()}: closes now; open requests fail or are aborted. */
    public void destroy() {
        closing = true;
        Channel ch = channel;
        Http2FrameCodec c = codec;
        if (c != null) {
            c.gracefulShutdownTimeoutMillis(0);
        }
        if (ch != null) {
            ch.close();
        } else {
            failWaiting(new StardustException("ERR_HTTP2_INVALID_SESSION", "The session was destroyed"));
            end();
        }
    }

    private void failed(StardustException error) {
        if (ended) {
            return;
        }
        // The error first: closing the channel may end the session at once.
        failWaiting(error);
        session.emit("error", error);
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
        end();
    }

    private void failWaiting(StardustException error) {
        List<ClientStream> pending = new ArrayList<>(waiting);
        waiting.clear();
        for (ClientStream s : pending) {
            s.failToOpen(error);
        }
    }

    private void channelClosed() {
        failWaiting(new StardustException("ECONNRESET", "the session's connection closed"));
        end();
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        closed();
        closePromise.resolve(null);
        session.emit("close");
    }

    @Override
    protected void closeGracefully() {
        close();
    }

    @Override
    protected void forceClose() {
        destroy();
    }

    /** Waits for the TLS handshake, then checks that the server chose h2. */
    private final class Handshake extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent done) {
                ctx.pipeline().remove(this);
                loop.invoke(() -> {
                    if (!done.isSuccess()) {
                        failed(toStardust(TlsErrors.from(done.cause())));
                        return;
                    }
                    String protocol = ctx.pipeline().get(SslHandler.class).applicationProtocol();
                    if (!ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                        failed(new StardustException("ERR_HTTP2_ERROR",
                                "the server did not negotiate h2 (ALPN: " + protocol + ")"));
                        return;
                    }
                    startHttp2(ctx.channel());
                });
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // The handshake event reports TLS failures; anything else closes the connection.
            ctx.close();
        }
    }

    private static StardustException toStardust(Throwable t) {
        return t instanceof StardustException se ? se : new StardustException("ERR_HTTP2_ERROR", t.toString(), t);
    }

    /** Connection-level frames: a GOAWAY from the server ends the session once its streams are done. */
    private final class Frames extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2GoAwayFrame) {
                    loop.invoke(() -> {
                        closing = true;
                        session.emit("goaway");
                        goAwayWhenIdle();
                    });
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // The codec reports connection errors here first, then sends GOAWAY and closes itself.
        }
    }
}
