package dev.stardust.tls.internal;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.tls.TlsOptions;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Builds Netty {@link SslContext}s from {@link TlsOptions}, one per options object and side, cached so that
 * connections made with the same options share a session cache (and so resume sessions).
 */
public final class Contexts {
    private static final Map<TlsOptions, SslContext> CLIENTS = new WeakHashMap<>();
    private static final Map<TlsOptions, SslContext> SERVERS = new WeakHashMap<>();

    private Contexts() {
    }

    /** The client context for {@code options}. */
    public static SslContext client(TlsOptions options) {
        synchronized (CLIENTS) {
            return CLIENTS.computeIfAbsent(options, o -> build(o, false));
        }
    }

    /** The server context for {@code options}; fails with {@code ERR_TLS_MISSING_KEY} without a key and certificate. */
    public static SslContext server(TlsOptions options) {
        synchronized (SERVERS) {
            return SERVERS.computeIfAbsent(options, o -> build(o, true));
        }
    }

    private static InputStream in(Buffer b) {
        return new ByteArrayInputStream(b.toByteArray());
    }

    private static SslContext build(TlsOptions o, boolean server) {
        try {
            Buffer key = o.key().orElse(null);
            Buffer cert = o.cert().orElse(null);
            SslContextBuilder b;
            if (server) {
                if (key == null || cert == null) {
                    throw new StardustException("ERR_TLS_MISSING_KEY", "a TLS server needs a key and a certificate");
                }
                b = SslContextBuilder.forServer(in(cert), in(key));
                if (o.requestCert()) {
                    b.clientAuth(o.rejectUnauthorized() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
                    b.trustManager(o.rejectUnauthorized() ? Trust.of(o.ca().orElse(null))
                            : InsecureTrustManagerFactory.INSTANCE.getTrustManagers()[0]);
                }
            } else {
                b = SslContextBuilder.forClient();
                if (key != null && cert != null) {
                    b.keyManager(in(cert), in(key));
                }
                if (o.rejectUnauthorized()) {
                    b.trustManager(Trust.of(o.ca().orElse(null))).endpointIdentificationAlgorithm("HTTPS");
                } else {
                    b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
                }
            }
            b.sslProvider(Engines.provider()).protocols(versions(o)).sessionTimeout(o.sessionTimeoutSeconds());
            if (!o.ciphers().isEmpty()) {
                b.ciphers(o.ciphers());
            }
            if (!o.alpnProtocols().isEmpty()) {
                b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, o.alpnProtocols()));
            }
            return b.build();
        } catch (StardustException e) {
            throw e;
        } catch (Exception e) {
            throw new StardustException("ERR_TLS_INVALID_CONTEXT", "cannot build the TLS context: " + e.getMessage(),
                    e);
        }
    }

    private static List<String> versions(TlsOptions o) {
        List<String> all = List.of("TLSv1.2", "TLSv1.3");
        List<String> out = new ArrayList<>();
        for (int i = all.indexOf(o.minVersion()); i <= all.indexOf(o.maxVersion()); i++) {
            out.add(all.get(i));
        }
        return out;
    }
}
