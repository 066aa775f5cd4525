package dev.stardust.tls.internal;

import dev.stardust.StardustException;
import dev.stardust.internal.Errno;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** Turns TLS failures into node's codes: certificate reasons first, then handshake, then plain socket errors. */
public final class TlsErrors {
    private TlsErrors() {
    }

    /** The node-style error for {@code cause}, a handshake or read failure on a TLS socket. */
    public static StardustException from(Throwable cause) {
        if (cause instanceof StardustException se) {
            return se;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof Trust.CodedCertificateException coded) {
                return new StardustException(coded.code, coded.getMessage(), cause);
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SslHandshakeTimeoutException) {
                return new StardustException("ERR_TLS_HANDSHAKE_TIMEOUT", "TLS handshake timeout", cause);
            }
            if (t instanceof ClosedChannelException) {
                return new StardustException("ECONNRESET", "Client network socket disconnected before secure TLS "
                        + "connection was established", cause);
            }
            if (t instanceof SSLHandshakeException || t instanceof SSLException) {
                return new StardustException("ERR_SSL_HANDSHAKE_FAILURE", String.valueOf(t.getMessage()), cause);
            }
        }
        return Errno.from(cause, "read", "");
    }
}
