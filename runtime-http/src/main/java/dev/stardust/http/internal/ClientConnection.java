package dev.stardust.http.internal;

import dev.stardust.StardustException;
import dev.stardust.Timer;
import dev.stardust.dns.Dns;
import dev.stardust.http.RequestOptions;
import dev.stardust.internal.Errno;
import dev.stardust.internal.LoopHandle;
import dev.stardust.internal.RealLoop;
import dev.stardust.tls.internal.TlsErrors;
import dev.stardust.tls.internal.TlsLayer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One client connection: busy with one request at a time, or idle in a {@link Pool} (unreferenced, so it never keeps
 * the loop alive, and closed by its idle timer). Data arriving while idle means the server broke the protocol, and
 * the connection is closed.
 */
final class ClientConnection extends LoopHandle {
    final Channel channel;
    final String key;
    private final @Nullable Pool pool;
    private @Nullable RealClientRequest current;
    private @Nullable Timer idleTimer;
    private int uses;
    private @Nullable StrictResponseDecoder decoder;

    private ClientConnection(RealLoop loop, Channel channel, String key, @Nullable Pool pool) {
        super(loop);
        this.channel = channel;
        this.key = key;
        this.pool = pool;
    }

    /** Connects to {@code address}; {@code done} gets the connection or the failure, on the loop thread. */
    static void connect(RealLoop loop, InetSocketAddress address, String key, Duration connectTimeout,
            @Nullable Pool pool, BiConsumer<@Nullable ClientConnection, @Nullable Throwable> done) {
        connect(loop, address, key, connectTimeout, pool, null, "", done);
    }

    /** As above, through {@code tls} (HTTPS) when not null, verifying {@code host}. */
    static void connect(RealLoop loop, SocketAddress address, String key, Duration connectTimeout,
            @Nullable Pool pool, @Nullable TlsLayer tls, String host,
            BiConsumer<@Nullable ClientConnection, @Nullable Throwable> done) {
        ClientConnection[] holder = new ClientConnection[1];
        boolean unix = address instanceof DomainSocketAddress;
        Bootstrap bootstrap = new Bootstrap()
                .group(loop.ioLoop())
                .resolver(loop.addressResolvers())
                .channelFactory(() -> unix ? loop.transportKind().newDomainSocketChannel()
                        : loop.transportKind().newSocketChannel());
        if (!unix) {
            bootstrap.option(ChannelOption.TCP_NODELAY, true);
        }
        bootstrap.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        Math.max(1, connectTimeout.toMillis())))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ClientConnection c = new ClientConnection(loop, ch, key, pool);
                        holder[0] = c;
                        HttpDecoderConfig config = new HttpDecoderConfig().setMaxHeaderSize(16 * 1024)
                                .setAllowDuplicateContentLengths(false).setStrictLineParsing(true)
                                .setUseRfc9112TransferEncoding(true);
                        if (tls != null) {
                            ch.pipeline().addLast(tls.clientHandler(ch, host,
                                    address instanceof InetSocketAddress inet ? inet.getPort() : -1));
                        }
                        c.decoder = new StrictResponseDecoder(config);
                        ch.pipeline().addLast(c.decoder, new HttpRequestEncoder(), c.new Handler());
                    }
                });
        bootstrap.connect(address).addListener(f -> {
            ClientConnection c = holder[0];
            if (f.isSuccess() && c != null) {
                c.opened();
                done.accept(c, null);
            } else {
                done.accept(null, f.cause());
            }
        });
    }

    /**
     * Connects for {@code options} as node's http does: {@code dns.lookup} (IP literals at once, names through the
     * system resolver on the worker pool), then a connection to the address found. {@code done} gets the connection
     * or node's error ({@code getaddrinfo}'s or {@code connect}'s); when {@code wanted} says no after the lookup, it
     * gets nothing. A failure is reported to {@code pool}, which counts connections being made.
     */
    static void open(RealLoop loop, RequestOptions options, String key, @Nullable Pool pool, @Nullable TlsLayer tls,
            BooleanSupplier wanted, BiConsumer<@Nullable ClientConnection, @Nullable StardustException> done) {
        Path socketPath = options.socketPath().orElse(null);
        if (socketPath != null) {
            openUnix(loop, options, socketPath, key, pool, tls, done);
            return;
        }
        String host = options.host();
        if (host.length() > 1 && host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        Dns.lookup(host).onComplete((found, error) -> {
            if (error != null || found == null) {
                if (pool != null) {
                    pool.connectFailed(key);
                }
                done.accept(null, Errno.from(error != null ? error : new UnknownHostException(options.host()),
                        "getaddrinfo", options.host()));
                return;
            }
            if (!wanted.getAsBoolean()) {
                if (pool != null) {
                    pool.connectFailed(key);
                }
                return;
            }
            InetAddress address = NetUtil.createInetAddressFromIpAddressString(found.address());
            connect(loop, new InetSocketAddress(address, options.port()), key, options.connectTimeout(), pool, tls,
                    options.host(), (c, cause) -> {
                if (c == null && pool != null) {
                    pool.connectFailed(key);
                }
                done.accept(c, c != null ? null : Errno.from(cause == null ? new ConnectException("connect failed")
                        : cause, "connect", address.getHostAddress() + ":" + options.port()));
            });
        });
    }

    /** node's {@code socketPath}: a connection to the Unix domain socket at {@code path}, no lookup. */
    private static void openUnix(RealLoop loop, RequestOptions options, Path path, String key, @Nullable Pool pool,
            @Nullable TlsLayer tls, BiConsumer<@Nullable ClientConnection, @Nullable StardustException> done) {
        if (!loop.transportKind().supportsDomainSockets()) {
            if (pool != null) {
                pool.connectFailed(key);
            }
            done.accept(null, new StardustException("ERR_NOT_SUPPORTED",
                    "Unix domain sockets need the epoll or kqueue transport, this loop runs on " + loop.transport()));
            return;
        }
        connect(loop, new DomainSocketAddress(path.toString()), key, options.connectTimeout(), pool, tls,
                options.host(), (c, cause) -> {
            if (c == null && pool != null) {
                pool.connectFailed(key);
            }
            if (c != null) {
                done.accept(c, null);
            } else {
                done.accept(null, Errno.from(cause == null ? new ConnectException("connect failed") : cause,
                        "connect", path.toString()));
            }
        });
    }

    /** Hands the connection to {@code request}; it is referenced while busy. */
    void assign(RealClientRequest request) {
        if (idleTimer != null) {
            idleTimer.close();
            idleTimer = null;
        }
        current = request;
        if (decoder != null) {
            decoder.answering(request.method());
        }
        uses++;
        ref();
    }

    /** Whether it served a request before this one: a close before any response may be a stale keep-alive. */
    boolean reused() {
        return uses > 1;
    }

    void idle(Duration timeout) {
        current = null;
        unref();
        if (timeout.toMillis() > 0) {
            idleTimer = loop.setTimer(this::evict, timeout.toMillis(), false).unref();
        }
    }

    boolean usable() {
        return channel.isActive() && isOpen();
    }

    void autoRead(boolean on) {
        if (channel.config().isAutoRead() != on) {
            channel.config().setAutoRead(on);
        }
    }

    void close() {
        channel.close();
    }

    /** The idle timer fired: leave the pool at once (not when Netty reports the close later), then close. */
    private void evict() {
        idleTimer = null;
        if (pool != null) {
            pool.removed(this);
        }
        channel.close();
    }

    @Override
    protected void forceClose() {
        channel.close();
    }

    @Override
    public String toString() {
        return "HttpClientConnection[" + key + "]";
    }

    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            RealClientRequest r = current;
            if (r == null) {
                ReferenceCountUtil.release(msg);
                channel.close();
                return;
            }
            boolean top = loop.enter();
            try {
                r.onMessage(ClientConnection.this, msg);
            } finally {
                loop.leave(top);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closed();
            if (idleTimer != null) {
                idleTimer.close();
                idleTimer = null;
            }
            RealClientRequest r = current;
            current = null;
            boolean top = loop.enter();
            try {
                if (pool != null) {
                    pool.removed(ClientConnection.this);
                }
                if (r != null) {
                    r.onConnectionClosed(ClientConnection.this);
                }
            } finally {
                loop.leave(top);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            RealClientRequest r = current;
            if (r != null) {
                r.onConnectionError(cause);
            }
            channel.close();
        }
    }

    /**
     * node's error for this connection ending under a request: mid-handshake, node's https says "Client network
     * socket disconnected before secure TLS connection was established"; else "aborted" once the response began,
     * "socket hang up" before it. All are {@code ECONNRESET}.
     */
    StardustException endedError(boolean responded) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl != null && !ssl.handshakeFuture().isSuccess()) {
            return TlsErrors.from(new ClosedChannelException());
        }
        return new StardustException("ECONNRESET", responded ? "aborted" : "socket hang up");
    }
}
