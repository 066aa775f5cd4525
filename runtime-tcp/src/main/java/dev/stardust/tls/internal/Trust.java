package dev.stardust.tls.internal;

import dev.stardust.Buffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * The JDK's PKIX trust manager (over the given CAs or the default trust store), wrapped so that a rejected chain
 * fails with node's code for the reason: the classification needs the chain, which only the trust manager sees.
 */
final class Trust extends X509ExtendedTrustManager {
    /** A certificate failure carrying node's code, found in the handshake exception's causes. */
    static final class CodedCertificateException extends CertificateException {
        private static final long serialVersionUID = 1L;
        final String code;

        CodedCertificateException(String code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }
    }

    private final X509ExtendedTrustManager delegate;

    private Trust(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    static TrustManager of(@Nullable Buffer caPem) throws GeneralSecurityException, IOException {
        KeyStore store = null;
        if (caPem != null) {
            store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(caPem.toByteArray()))) {
                store.setCertificateEntry("ca-" + i++, c);
            }
        }
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        for (TrustManager m : f.getTrustManagers()) {
            if (m instanceof X509ExtendedTrustManager x) {
                return new Trust(x);
            }
        }
        throw new GeneralSecurityException("no X509ExtendedTrustManager in " + f.getAlgorithm());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw classify(chain, e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw classify(chain, e);
        }
    }

    static CodedCertificateException classify(X509Certificate[] chain, CertificateException e) {
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
            return new CodedCertificateException("ERR_TLS_CERT_ALTNAME_INVALID",
                    "Hostname/IP does not match certificate's altnames: " + message, e);
        }
        if (chain.length > 0) {
            try {
                chain[0].checkValidity();
            } catch (CertificateExpiredException expired) {
                return new CodedCertificateException("CERT_HAS_EXPIRED", "certificate has expired", e);
            } catch (CertificateNotYetValidException notYet) {
                return new CodedCertificateException("CERT_NOT_YET_VALID", "certificate is not yet valid", e);
            }
            boolean leafSelfSigned = chain[0].getSubjectX500Principal().equals(chain[0].getIssuerX500Principal());
            if (chain.length == 1 && leafSelfSigned) {
                return new CodedCertificateException("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate", e);
            }
            X509Certificate last = chain[chain.length - 1];
            if (chain.length > 1 && last.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
                return new CodedCertificateException("SELF_SIGNED_CERT_IN_CHAIN",
                        "self-signed certificate in certificate chain", e);
            }
        }
        return new CodedCertificateException("UNABLE_TO_VERIFY_LEAF_SIGNATURE",
                "unable to verify the first certificate: " + message, e);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw classify(chain, e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw classify(chain, e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType);
        } catch (CertificateException e) {
            throw classify(chain, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw classify(chain, e);
        }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
