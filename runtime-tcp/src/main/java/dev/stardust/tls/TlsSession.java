package dev.stardust.tls;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a TLS socket's handshake settled (node's {@code getProtocol()}, {@code getCipher()}, {@code alpnProtocol},
 * {@code getPeerCertificate()}).
 *
 * @param protocol the protocol version, e.g. {@code TLSv1.3}
 * @param cipher the cipher suite's IANA name
 * @param alpnProtocol the protocol ALPN chose, empty when none
 * @param peerCertificates the peer's chain, leaf first; empty when the peer sent none
 */
public record TlsSession(String protocol, String cipher, String alpnProtocol,
        List<X509Certificate> peerCertificates) {
}
