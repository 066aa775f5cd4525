package dev.stardust.tls;

import dev.stardust.StardustException;
import dev.stardust.internal.RealLoop;
import dev.stardust.net.ConnectOptions;
import dev.stardust.net.Server;
import dev.stardust.net.Socket;
import dev.stardust.net.internal.RealServer;
import dev.stardust.net.internal.RealSocket;
import dev.stardust.tls.internal.Engines;
import dev.stardust.tls.internal.TlsLayer;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * node's {@code tls} module. A TLS socket is a {@link Socket} with TLS underneath, so it is the same byte
 * {@code Duplex}: a server emits {@code secureConnection} for each socket once its handshake succeeded and
 * {@code tlsClientError} for a failed one; a client socket emits {@code connect} (TCP) then {@code secureConnect},
 * or {@code error} with node's codes ({@code CERT_HAS_EXPIRED}, {@code UNABLE_TO_VERIFY_LEAF_SIGNATURE},
 * {@code DEPTH_ZERO_SELF_SIGNED_CERT}, {@code ERR_TLS_CERT_ALTNAME_INVALID}, ...). Loop thread only.
 */
public final class Tls {
    private Tls() {
    }

    /**
     * A TLS server, not listening yet, calling {@code onSecureConnection} for each socket after its handshake
     * (node's {@code tls.createServer(options, listener)}). Fails at once on a missing or bad key or certificate.
     */
    public static Server createServer(TlsOptions options, Consumer<Socket> onSecureConnection) {
        Server server = createServer(options);
        server.on("secureConnection", onSecureConnection);
        return server;
    }

    /** A TLS server with no listener yet (node's {@code tls.createServer(options)}). */
    public static Server createServer(TlsOptions options) {
        return new RealServer(RealLoop.current(), TlsLayer.server(options), "secureConnection", "tlsClientError");
    }

    /**
     * Connects to {@code port} on {@code host} and handshakes, verifying the server as {@code options} say (node's
     * {@code tls.connect}); the socket is returned at once, failures arrive as its {@code error} event.
     */
    public static Socket connect(int port, String host, TlsOptions options) {
        return connect(ConnectOptions.defaults().withPort(port).withHost(host), options);
    }

    /**
     * Connects as {@code connect} says (Happy Eyeballs over every address, connect timeout, local address, family,
     * lookup) and handshakes as {@code tls} says; the host name is the one verified and sent as SNI unless
     * {@code tls} names a servername (node's {@code tls.connect(options)}). Failures arrive as the socket's
     * {@code error} event.
     *
     * @throws StardustException {@code ERR_MISSING_ARGS} when {@code connect} has no port
     */
    public static Socket connect(ConnectOptions connect, TlsOptions tls) {
        if (connect.port() == 0) {
            throw new StardustException("ERR_MISSING_ARGS", "the \"port\" option must be specified: " + connect);
        }
        RealSocket socket = new RealSocket(RealLoop.current(), TlsLayer.client(tls), "secureConnect");
        socket.connect(connect);
        return socket;
    }

    /** As {@link #connect(int, String, TlsOptions)}, with {@code onSecureConnect} as a {@code secureConnect} listener. */
    public static Socket connect(int port, String host, TlsOptions options, Runnable onSecureConnect) {
        Socket socket = connect(port, host, options);
        socket.once("secureConnect", ignored -> onSecureConnect.run());
        return socket;
    }

    /** The session of a TLS socket whose handshake completed; empty for a plain socket or before the handshake. */
    public static Optional<TlsSession> session(Socket socket) {
        Channel ch = ((RealSocket) socket).channel();
        SslHandler ssl = ch == null ? null : ch.pipeline().get(SslHandler.class);
        if (ssl == null || !ssl.handshakeFuture().isSuccess()) {
            return Optional.empty();
        }
        SSLSession s = ssl.engine().getSession();
        List<X509Certificate> peer = new ArrayList<>();
        try {
            for (Certificate c : s.getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    peer.add(x);
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            // The peer sent no certificate: a client that was not asked for one.
        }
        String alpn = ssl.applicationProtocol();
        return Optional.of(new TlsSession(s.getProtocol(), s.getCipherSuite(), alpn == null ? "" : alpn,
                List.copyOf(peer)));
    }

    /** The TLS engine in use, {@code jdk} or {@code openssl}; {@code -Dstardust.tls.engine=...} forces one. */
    public static String engine() {
        return Engines.name();
    }
}
