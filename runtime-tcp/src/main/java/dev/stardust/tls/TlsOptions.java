package dev.stardust.tls;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Settings for a TLS server or client, node's {@code tls} options: immutable, each {@code withX} returns a copy.
 * PEM material is given as a {@link Buffer} or read at once from a file. Secure by default: a client verifies the
 * server's chain against the JDK's trust store (or {@link #withCa}) and its host name; TLS 1.2 and 1.3 only.
 */
public final class TlsOptions implements Cloneable {
    private static final List<String> VERSIONS = List.of("TLSv1.2", "TLSv1.3");

    private @Nullable Buffer key;
    private @Nullable Buffer cert;
    private @Nullable Buffer ca;
    private boolean requestCert;
    private boolean rejectUnauthorized = true;
    private @Nullable String servername;
    private Map<String, TlsOptions> sniContexts = Map.of();
    private List<String> alpnProtocols = List.of();
    private String minVersion = "TLSv1.2";
    private String maxVersion = "TLSv1.3";
    private List<String> ciphers = List.of();
    private long sessionTimeoutSeconds = 300;
    private long handshakeTimeoutMs = 120_000;

    private TlsOptions() {
    }

    /** No key, certificate or CA; verification on; TLS 1.2 to 1.3; JDK default ciphers; 120 s handshake timeout. */
    public static TlsOptions defaults() {
        return new TlsOptions();
    }

    private TlsOptions copy() {
        try {
            return (TlsOptions) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    private static Buffer read(Path file) {
        try {
            return Buffer.wrap(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new StardustException("ENOENT", "no such file or directory, open '" + file + "'", e);
        } catch (IOException e) {
            throw new StardustException("EIO", "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The private key in PEM (PKCS#8), if set (node's {@code key}). */
    public Optional<Buffer> key() {
        return Optional.ofNullable(key);
    }

    /** Options with a PEM private key (PKCS#8, as {@code openssl genpkey} writes). */
    public TlsOptions withKey(Buffer pem) {
        TlsOptions c = copy();
        c.key = pem;
        return c;
    }

    /** Options with the PEM private key read now from {@code file}. */
    public TlsOptions withKey(Path file) {
        return withKey(read(file));
    }

    /** The certificate chain in PEM, leaf first, if set (node's {@code cert}). */
    public Optional<Buffer> cert() {
        return Optional.ofNullable(cert);
    }

    /** Options with a PEM certificate chain, leaf first. */
    public TlsOptions withCert(Buffer pem) {
        TlsOptions c = copy();
        c.cert = pem;
        return c;
    }

    /** Options with the PEM certificate chain read now from {@code file}. */
    public TlsOptions withCert(Path file) {
        return withCert(read(file));
    }

    /** The trusted CA certificates in PEM, replacing the JDK's trust store, if set (node's {@code ca}). */
    public Optional<Buffer> ca() {
        return Optional.ofNullable(ca);
    }

    /** Options trusting only the PEM CA certificates in {@code pem}. */
    public TlsOptions withCa(Buffer pem) {
        TlsOptions c = copy();
        c.ca = pem;
        return c;
    }

    /** Options trusting only the PEM CA certificates read now from {@code file}. */
    public TlsOptions withCa(Path file) {
        return withCa(read(file));
    }

    /** Whether a server asks clients for a certificate (node's {@code requestCert}). */
    public boolean requestCert() {
        return requestCert;
    }

    /** Options with {@link #requestCert()} set. */
    public TlsOptions withRequestCert(boolean request) {
        TlsOptions c = copy();
        c.requestCert = request;
        return c;
    }

    /**
     * Whether a peer that fails verification is refused (node's {@code rejectUnauthorized}, true by default): the
     * server's chain and host name for a client, the client's certificate for a server that {@link #requestCert()}s.
     */
    public boolean rejectUnauthorized() {
        return rejectUnauthorized;
    }

    /** Options with {@link #rejectUnauthorized()} set; false turns all verification off, for tests only. */
    public TlsOptions withRejectUnauthorized(boolean reject) {
        TlsOptions c = copy();
        c.rejectUnauthorized = reject;
        return c;
    }

    /** The name a client sends as SNI and verifies, instead of the host it connects to (node's {@code servername}). */
    public Optional<String> servername() {
        return Optional.ofNullable(servername);
    }

    /** Options with a client SNI name. */
    public TlsOptions withServername(String name) {
        TlsOptions c = copy();
        c.servername = name;
        return c;
    }

    /** A server's per-name contexts, chosen by the client's SNI (node's {@code server.addContext}). */
    public Map<String, TlsOptions> sniContexts() {
        return sniContexts;
    }

    /** Options serving {@code context}'s key and certificate to clients asking for {@code hostname} by SNI. */
    public TlsOptions withSniContext(String hostname, TlsOptions context) {
        Map<String, TlsOptions> m = new LinkedHashMap<>(sniContexts);
        m.put(hostname.toLowerCase(Locale.ROOT), context);
        TlsOptions c = copy();
        c.sniContexts = Map.copyOf(m);
        return c;
    }

    /** The ALPN protocols, most preferred first, e.g. {@code http/1.1} (node's {@code ALPNProtocols}). */
    public List<String> alpnProtocols() {
        return alpnProtocols;
    }

    /** Options offering (client) or accepting (server) these ALPN protocols. */
    public TlsOptions withAlpnProtocols(List<String> protocols) {
        TlsOptions c = copy();
        c.alpnProtocols = List.copyOf(protocols);
        return c;
    }

    /** The oldest protocol version allowed, {@code TLSv1.2} by default (node's {@code minVersion}). */
    public String minVersion() {
        return minVersion;
    }

    /** The newest protocol version allowed, {@code TLSv1.3} by default (node's {@code maxVersion}). */
    public String maxVersion() {
        return maxVersion;
    }

    /** Options allowing versions {@code min} to {@code max}, each {@code TLSv1.2} or {@code TLSv1.3}. */
    public TlsOptions withVersions(String min, String max) {
        int lo = VERSIONS.indexOf(min);
        int hi = VERSIONS.indexOf(max);
        if (lo < 0 || hi < 0 || lo > hi) {
            throw new StardustException("ERR_TLS_INVALID_PROTOCOL_VERSION", "versions must be TLSv1.2 or TLSv1.3 "
                    + "with min <= max, got " + min + " to " + max);
        }
        TlsOptions c = copy();
        c.minVersion = min;
        c.maxVersion = max;
        return c;
    }

    /** The enabled cipher suites by IANA name, empty for the engine's defaults (node's {@code ciphers}). */
    public List<String> ciphers() {
        return ciphers;
    }

    /** Options enabling only these cipher suites (IANA names, e.g. {@code TLS_AES_128_GCM_SHA256}). */
    public TlsOptions withCiphers(List<String> suites) {
        TlsOptions c = copy();
        c.ciphers = List.copyOf(suites);
        return c;
    }

    /** How long a session may be resumed, in seconds (node's {@code sessionTimeout}, 300). */
    public long sessionTimeoutSeconds() {
        return sessionTimeoutSeconds;
    }

    /** Options keeping sessions resumable for {@code seconds}. */
    public TlsOptions withSessionTimeoutSeconds(long seconds) {
        TlsOptions c = copy();
        c.sessionTimeoutSeconds = Math.max(1, seconds);
        return c;
    }

    /** How long a handshake may take before the socket fails with {@code ERR_TLS_HANDSHAKE_TIMEOUT}. */
    public long handshakeTimeoutMs() {
        return handshakeTimeoutMs;
    }

    /** Options with another handshake timeout in milliseconds (node's {@code handshakeTimeout}). */
    public TlsOptions withHandshakeTimeoutMs(long ms) {
        TlsOptions c = copy();
        c.handshakeTimeoutMs = Math.max(1, ms);
        return c;
    }
}
