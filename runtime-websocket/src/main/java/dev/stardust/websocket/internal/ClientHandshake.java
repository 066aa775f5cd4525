package dev.stardust.websocket.internal;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.Timer;
import dev.stardust.http.Agent;
import dev.stardust.http.internal.Pool;
import dev.stardust.internal.RealLoop;
import dev.stardust.net.Net;
import dev.stardust.net.Socket;
import dev.stardust.tls.Tls;
import dev.stardust.websocket.WebSocket;
import dev.stardust.websocket.WebSocketOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A client's side of the opening handshake (RFC 6455 4.1): dials {@code ws://} over TCP or {@code wss://} over TLS
 * (verified by the options' {@code TlsOptions}), through a place in the options' {@code Agent} when there is one
 * (held until the handshake is over), sends the upgrade request with a fresh key, the sub-protocols and
 * the {@code permessage-deflate} offer, reads the answer with Netty's HTTP decoder and checks it (status 101, the
 * key's digest, a sub-protocol and extension that were offered); then the channel becomes a {@link RealWebSocket}'s.
 * Any failure, the handshake timeout included, is the connection's {@code error} then {@code close}.
 */
public final class ClientHandshake {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_RESPONSE_HEAD = 64 * 1024;

    private final RealLoop loop;
    private final RealWebSocket ws;
    private final WebSocketOptions options;
    private final URI uri;
    private final boolean secure;
    private final String key;
    private @Nullable Socket socket;
    private Pool.@Nullable Lease lease;
    private @Nullable Timer timeout;

    private ClientHandshake(RealLoop loop, RealWebSocket ws, WebSocketOptions options, URI uri) {
        this.loop = loop;
        this.ws = ws;
        this.options = options;
        this.uri = uri;
        this.secure = uri.getScheme().equals("wss");
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
    }

    /**
     * node's {@code new WebSocket(url, options)}: dials now, or once its agent has a place, and returns the
     * connection in {@code CONNECTING}.
     */
    public static WebSocket connect(String url, WebSocketOptions options) {
        RealLoop loop = RealLoop.current();
        URI uri = parse(url);
        head(uri, options, "");
        RealWebSocket ws = new RealWebSocket(loop, null, options, true, url, null);
        ClientHandshake h = new ClientHandshake(loop, ws, options, uri);
        // As an HTTP request starts: once the caller's code has returned, in its order among the agent's requests.
        loop.nextTick(h::start);
        Timer t = loop.setTimer(() -> {
            if (ws.readyState() == WebSocket.ReadyState.CONNECTING) {
                ws.handshakeFailed(new StardustException("ETIMEDOUT", "opening handshake has timed out"));
            }
        }, options.handshakeTimeoutMs(), false);
        t.unref();
        h.timeout = t;
        ws.onClose(e -> {
            t.close();
            h.leave();
        });
        return ws;
    }

    private int port() {
        return uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
    }

    private void start() {
        if (ws.readyState() != WebSocket.ReadyState.CONNECTING) {
            return;
        }
        Agent agent = options.agent().orElse(null);
        if (agent == null) {
            dial();
        } else {
            // Counted as an HTTPS request to the same host with the same TLS options object would be.
            lease = agent.pool().lease(Pool.key(secure ? options.tls() : null, uri.getHost() + ":" + port()),
                    this::dial);
        }
    }

    /** Dials the server (over TLS for {@code wss://}), unless the connection was given up while waiting. */
    private void dial() {
        if (ws.readyState() != WebSocket.ReadyState.CONNECTING) {
            leave();
            return;
        }
        String host = hostOf(uri);
        Socket s = secure ? Tls.connect(port(), host, options.tls()) : Net.connect(port(), host);
        socket = s;
        ws.dialed(s);
        s.onError(ws::handshakeFailed);
        s.once(secure ? "secureConnect" : "connect", v -> send());
    }

    /** The handshake is over: its place in the agent, if any, is free again (node's agent forgets upgraded sockets). */
    private void leave() {
        Pool.Lease l = lease;
        if (l != null) {
            lease = null;
            l.end();
        }
    }

    private static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new StardustException("ERR_INVALID_URL", "Invalid URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new StardustException("ERR_INVALID_URL", "The URL's protocol must be one of \"ws:\" or \"wss:\": "
                    + url);
        }
        if (uri.getHost() == null || uri.getRawFragment() != null) {
            throw new StardustException("ERR_INVALID_URL", "Invalid URL (no host, or a fragment): " + url);
        }
        try {
            return new URI(scheme, uri.getRawAuthority(), uri.getRawPath(), uri.getRawQuery(), null);
        } catch (URISyntaxException e) {
            throw new StardustException("ERR_INVALID_URL", "Invalid URL: " + url);
        }
    }

    private static String hostOf(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The request head; checks the user's headers, so that a bad one throws from {@code connect}. */
    private static String head(URI uri, WebSocketOptions options, String key) {
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        boolean secure = uri.getScheme().equals("wss");
        boolean defaultPort = uri.getPort() < 0 || uri.getPort() == (secure ? 443 : 80);
        StringBuilder b = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(uri.getHost())
                .append(defaultPort ? "" : ":" + uri.getPort())
                .append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ").append(key)
                .append("\r\nSec-WebSocket-Version: 13\r\n");
        if (!options.protocols().isEmpty()) {
            b.append("Sec-WebSocket-Protocol: ").append(String.join(", ", options.protocols())).append("\r\n");
        }
        if (options.perMessageDeflate()) {
            b.append("Sec-WebSocket-Extensions: ").append(Extensions.clientOffer()).append("\r\n");
        }
        for (Map.Entry<String, String> h : options.headers().entrySet()) {
            if (!h.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || h.getValue().matches("(?s).*[\r\n\0].*")) {
                throw new StardustException("ERR_INVALID_CHAR", "Invalid header: " + h.getKey());
            }
            b.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    /** Connected: the socket's channel reads HTTP until the answer, and the request goes out. */
    private void send() {
        if (ws.readyState() != WebSocket.ReadyState.CONNECTING) {
            return;
        }
        Socket s = socket;
        if (s == null) {
            return;
        }
        Channel ch = FramePipeline.takeOver(s, new ArrayList<>());
        ch.pipeline().addLast(new HttpResponseDecoder(), new HttpObjectAggregator(MAX_RESPONSE_HEAD), new Answer());
        ch.writeAndFlush(Unpooled.copiedBuffer(head(uri, options, key), StandardCharsets.US_ASCII));
    }

    /** Reads the server's answer, then whatever follows it, until the WebSocket handlers take over. */
    private final class Answer extends ChannelInboundHandlerAdapter {
        private final List<Buffer> unread = new ArrayList<>();
        private boolean answered;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (answered && msg instanceof ByteBuf bytes) {
                    unread.add(Buffer.wrap(ByteBufUtil.getBytes(bytes)));
                } else if (!answered && msg instanceof FullHttpResponse res) {
                    answered = true;
                    loop.invoke(r -> answer(ctx, r), res);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            loop.invoke(ws::handshakeFailed, new StardustException("WS_ERR_UNEXPECTED_RESPONSE",
                    "Invalid server response: " + cause.getMessage(), cause));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            loop.invoke(ws::handshakeFailed, new StardustException("ECONNRESET", "socket hang up"));
        }

        private void answer(ChannelHandlerContext ctx, FullHttpResponse res) {
            if (ws.readyState() != WebSocket.ReadyState.CONNECTING) {
                return;
            }
            Extensions.Agreed deflate;
            String protocol;
            try {
                check(res);
                protocol = res.headers().get("sec-websocket-protocol", "").trim();
                if (!protocol.isEmpty() && !options.protocols().contains(protocol)) {
                    throw new StardustException("WS_ERR_INVALID_PROTOCOL", "Server sent an invalid subprotocol");
                }
                if (protocol.isEmpty() && !options.protocols().isEmpty()) {
                    throw new StardustException("WS_ERR_INVALID_PROTOCOL", "Server sent no subprotocol");
                }
                try {
                    deflate = Extensions.clientAccept(res.headers().get("sec-websocket-extensions"),
                            options.perMessageDeflate());
                } catch (IllegalArgumentException e) {
                    throw new StardustException("WS_ERR_INVALID_EXTENSION", e.getMessage());
                }
            } catch (StardustException e) {
                ws.handshakeFailed(e);
                return;
            }
            Timer t = timeout;
            if (t != null) {
                t.close();
            }
            leave();
            ChannelPipeline p = ctx.pipeline();
            // The decoder goes first: whatever it holds after the head comes here, into unread.
            p.remove(HttpResponseDecoder.class);
            p.remove(HttpObjectAggregator.class);
            p.remove(this);
            Channel ch = ctx.channel();
            FramePipeline.install(ch, ws, true, options,
                    deflate == null ? null : deflate.extension().newExtensionEncoder());
            ws.opened(ch, protocol, deflate == null ? "" : deflate.header());
            ws.emit("open");
            FramePipeline.feed(ch, ws, unread);
        }

        private void check(FullHttpResponse res) {
            if (res.status().code() != 101) {
                throw new StardustException("WS_ERR_UNEXPECTED_RESPONSE",
                        "Unexpected server response: " + res.status().code());
            }
            HttpHeaders h = res.headers();
            if (!h.get("upgrade", "").trim().equalsIgnoreCase("websocket")) {
                throw new StardustException("WS_ERR_UNEXPECTED_RESPONSE", "Invalid Upgrade header");
            }
            if (!h.get("sec-websocket-accept", "").trim().equals(ServerHandshake.acceptKey(key))) {
                throw new StardustException("WS_ERR_UNEXPECTED_RESPONSE", "Invalid Sec-WebSocket-Accept header");
            }
        }
    }
}
