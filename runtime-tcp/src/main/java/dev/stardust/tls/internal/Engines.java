package dev.stardust.tls.internal;

import dev.stardust.StardustException;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.Locale;

/**
 * Chooses the TLS engine once: OpenSSL (netty-tcnative) when it is on the classpath and loads, else the JDK's;
 * the system property {@code stardust.tls.engine} ({@code jdk} or {@code openssl}) forces one.
 */
public final class Engines {
    private static volatile SslProvider chosen;

    private Engines() {
    }

    /** The provider every context uses. */
    public static SslProvider provider() {
        SslProvider p = chosen;
        if (p == null) {
            p = choose(System.getProperty("stardust.tls.engine", ""));
            chosen = p;
        }
        return p;
    }

    static SslProvider choose(String forced) {
        switch (forced.toLowerCase(Locale.ROOT)) {
            case "jdk":
                return SslProvider.JDK;
            case "openssl":
                if (!openSslAvailable()) {
                    Throwable cause = OpenSsl.unavailabilityCause();
                    throw new StardustException("ERR_TLS_ENGINE_UNAVAILABLE", "stardust.tls.engine=openssl, but "
                            + "OpenSSL did not load (add netty-tcnative-boringssl-static): " + cause, cause);
                }
                return SslProvider.OPENSSL;
            case "":
                return openSslAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
            default:
                throw new StardustException("ERR_INVALID_ARG_VALUE", "stardust.tls.engine must be jdk or openssl, got "
                        + forced);
        }
    }

    private static boolean openSslAvailable() {
        try {
            return OpenSsl.isAvailable();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** {@code jdk} or {@code openssl}. */
    public static String name() {
        return provider() == SslProvider.JDK ? "jdk" : "openssl";
    }
}
