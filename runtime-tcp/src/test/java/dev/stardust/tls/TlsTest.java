package dev.stardust.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stardust.Buffer;
import dev.stardust.Loop;
import dev.stardust.StardustException;
import dev.stardust.Promise;
import dev.stardust.dns.LookupAddress;
import dev.stardust.net.ConnectOptions;
import dev.stardust.net.Server;
import dev.stardust.net.Socket;
import dev.stardust.testing.LoopTester;
import dev.stardust.testing.TestCerts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS servers and clients: Stardust to Stardust, verification failures with node's codes, openssl peers. */
@org.junit.jupiter.api.Timeout(60)
class TlsTest {
    @BeforeAll
    static void warmUp() throws Exception {
        // The first JDK SSLContext and the openssl-made certificates take seconds on a busy machine: not in a loop.
        TestCerts.dir();
        javax.net.ssl.SSLContext.getDefault();
        dev.stardust.tls.internal.Contexts.client(trustingTestCa());
    }

    static TlsOptions serverOptions(String name) {
        return TlsOptions.defaults().withCert(TestCerts.file(name + ".crt")).withKey(TestCerts.file(name + ".key"));
    }

    static TlsOptions trustingTestCa() {
        return TlsOptions.defaults().withCa(TestCerts.file("ca.crt"));
    }

    @Test
    void echoesOverTlsWithVerificationAlpnAndSessionInfo() {
        StringBuilder got = new StringBuilder();
        AtomicReference<TlsSession> session = new AtomicReference<>();
        AtomicReference<TlsSession> serverSide = new AtomicReference<>();
        LoopTester.run(t -> {
            Server server = Tls.createServer(serverOptions("server").withAlpnProtocols(List.of("h2", "http/1.1")),
                    t.expect((Socket s) -> {
                        serverSide.set(Tls.session(s).orElseThrow());
                        s.pipe(s);
                    }));
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                Socket c = Tls.connect(s.address().port(), "localhost",
                        trustingTestCa().withAlpnProtocols(List.of("http/1.1")));
                c.onConnect(t.expect(() -> { }));
                c.on("secureConnect", t.expect((Object none) -> session.set(Tls.session(c).orElseThrow())));
                c.setEncoding(StandardCharsets.UTF_8).onData(text -> {
                    got.append(text);
                    if (got.length() == "hello, tls".length()) {
                        c.end();
                    }
                });
                c.write(Buffer.from("hello, "));
                c.write(Buffer.from("tls"));
                c.onClose(() -> server.close());
            });
        });
        assertEquals("hello, tls", got.toString());
        assertEquals("TLSv1.3", session.get().protocol());
        assertEquals("http/1.1", session.get().alpnProtocol());
        assertTrue(session.get().peerCertificates().get(0).getSubjectX500Principal().getName().contains("localhost"));
        assertTrue(serverSide.get().peerCertificates().isEmpty());
        assertTrue(List.of("jdk", "openssl").contains(Tls.engine()));
    }

    /**
     * TLS 1.3 half-close: the client ends, the server still answers. JDK engine only: Netty's OpenSSL engine answers
     * the peer's close_notify with its own at once (ReferenceCountedOpenSslEngine.closeAll closes its outbound side),
     * so what a server writes after the client's end() is not sent (README, "Opt-in native extras").
     */
    @Test
    void theServerStillAnswersAfterTheClientEnds() {
        assumeTrue(Tls.engine().equals("jdk"), "Netty's OpenSSL engine closes both directions on close_notify");
        StringBuilder got = new StringBuilder();
        LoopTester.run(t -> {
            Server server = Tls.createServer(serverOptions("server"), t.expect((Socket s) -> s.pipe(s)));
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                Socket c = Tls.connect(s.address().port(), "localhost", trustingTestCa());
                c.setEncoding(StandardCharsets.UTF_8).onData(got::append);
                c.write(Buffer.from("hello, "));
                c.end(Buffer.from("tls"));
                c.onClose(() -> server.close());
            });
        });
        assertEquals("hello, tls", got.toString());
    }

    @Test
    void clientRejectsBadCertificatesWithNodesCodes() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("expired", "CERT_HAS_EXPIRED");
        cases.put("other", "ERR_TLS_CERT_ALTNAME_INVALID");
        cases.put("server-untrusted", "UNABLE_TO_VERIFY_LEAF_SIGNATURE");
        cases.put("ca", "DEPTH_ZERO_SELF_SIGNED_CERT");
        Map<String, String> seen = new java.util.LinkedHashMap<>();
        LoopTester.run(t -> {
            for (Map.Entry<String, String> e : cases.entrySet()) {
                String cert = e.getKey().equals("server-untrusted") ? "server" : e.getKey();
                TlsOptions client = e.getKey().equals("server-untrusted") ? TlsOptions.defaults()
                        : e.getKey().equals("ca") ? TlsOptions.defaults().withCa(TestCerts.file("server.crt"))
                        : trustingTestCa();
                Server server = Tls.createServer(serverOptions(cert), s -> { });
                server.on("tlsClientError", (Throwable err) -> { });
                server.listen(0, "127.0.0.1").onSuccess(s -> {
                    Socket c = Tls.connect(s.address().port(), "localhost", client);
                    c.on("secureConnect", ignored -> seen.put(e.getKey(), "connected"));
                    c.onError(t.expect((Throwable err) ->
                            seen.put(e.getKey(), assertInstanceOf(StardustException.class, err).code())));
                    c.onClose(() -> server.close());
                });
            }
        });
        assertEquals(cases, seen);
    }

    @Test
    void rejectUnauthorizedFalseAcceptsAnyCertificate() {
        LoopTester.run(t -> {
            Server server = Tls.createServer(serverOptions("expired"), Socket::end);
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                Socket c = Tls.connect(s.address().port(), "127.0.0.1",
                        TlsOptions.defaults().withRejectUnauthorized(false), t.expect(() -> { }));
                c.resume();
                c.onClose(() -> server.close());
            });
        });
    }

    @Test
    void serverRequiringClientCertificatesChecksThem() {
        List<String> events = new ArrayList<>();
        LoopTester.run(t -> {
            TlsOptions opts = serverOptions("server").withRequestCert(true).withCa(TestCerts.file("ca.crt"));
            Server server = Tls.createServer(opts, s -> {
                events.add("peer " + Tls.session(s).orElseThrow().peerCertificates().get(0)
                        .getSubjectX500Principal().getName());
                s.end(Buffer.from("welcome"));
            });
            server.on("tlsClientError", t.expect((Throwable err) -> events.add("server rejected anonymous")));
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                int port = s.address().port();
                Socket anonymous = Tls.connect(port, "localhost", trustingTestCa());
                anonymous.onError(t.expect((Throwable err) -> { }));
                anonymous.resume();
                anonymous.onClose(() -> {
                    Socket withCert = Tls.connect(port, "localhost", trustingTestCa()
                            .withCert(TestCerts.file("client.crt")).withKey(TestCerts.file("client.key")));
                    withCert.setEncoding(StandardCharsets.UTF_8).onData(events::add);
                    withCert.onClose(() -> server.close());
                });
            });
        });
        assertEquals(List.of("server rejected anonymous", "peer CN=client", "welcome"), events);
    }

    @Test
    void serverPicksItsCertificateBySni() {
        StringBuilder got = new StringBuilder();
        LoopTester.run(t -> {
            TlsOptions opts = serverOptions("other").withSniContext("localhost", serverOptions("server"));
            Server server = Tls.createServer(opts, s -> s.end(Buffer.from("sni ok")));
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                Socket c = Tls.connect(s.address().port(), "127.0.0.1", trustingTestCa().withServername("localhost"));
                c.setEncoding(StandardCharsets.UTF_8).onData(got::append);
                c.onClose(() -> server.close());
            });
        });
        assertEquals("sni ok", got.toString());
    }

    @Test
    void tls12WithAChosenCipherSuiteIsReportedByItsIanaName() {
        String suite = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
        AtomicReference<TlsSession> session = new AtomicReference<>();
        StringBuilder got = new StringBuilder();
        LoopTester.run(t -> {
            Server server = Tls.createServer(serverOptions("server").withVersions("TLSv1.2", "TLSv1.2")
                    .withCiphers(List.of(suite)), s -> s.end(Buffer.from("twelve")));
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                Socket c = Tls.connect(s.address().port(), "localhost", trustingTestCa());
                c.on("secureConnect", t.expect((Object none) -> session.set(Tls.session(c).orElseThrow())));
                c.setEncoding(StandardCharsets.UTF_8).onData(got::append);
                c.onClose(() -> server.close());
            });
        });
        assertEquals("twelve", got.toString());
        assertEquals("TLSv1.2", session.get().protocol());
        assertEquals(suite, session.get().cipher());
    }

    @Test
    void opensslClientTalksToStardustServer() {
        AtomicReference<String> out = new AtomicReference<>();
        LoopTester.run(t -> {
            Server server = Tls.createServer(serverOptions("server"), s -> s.setEncoding(StandardCharsets.UTF_8)
                    .onData(line -> s.end(Buffer.from(line.toUpperCase()))));
            server.listen(0, "127.0.0.1").onSuccess(s -> Loop.current().executeBlocking(() -> {
                Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + s.address().port(),
                        "-CAfile", TestCerts.file("ca.crt").toString(), "-servername", "localhost",
                        "-verify_hostname", "localhost", "-verify_return_error", "-quiet")
                        .redirectErrorStream(false).start();
                p.getOutputStream().write("hello openssl\n".getBytes(StandardCharsets.UTF_8));
                p.getOutputStream().flush();
                String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor(10, TimeUnit.SECONDS);
                p.destroy();
                return text;
            }).onComplete((text, err) -> {
                out.set(err != null ? err.toString() : text);
                server.close();
            }));
        });
        assertEquals("HELLO OPENSSL\n", out.get());
    }

    @Test
    void stardustClientTalksToOpensslServer() throws Exception {
        Process p = new ProcessBuilder("openssl", "s_server", "-accept", "0", "-naccept", "1",
                "-cert", TestCerts.file("server.crt").toString(), "-key", TestCerts.file("server.key").toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<Integer> port = new CompletableFuture<>();
            CompletableFuture<String> received = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        if (line.startsWith("ACCEPT")) {
                            port.complete(Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim()));
                        } else if (line.startsWith("from stardust")) {
                            received.complete(line);
                        }
                    }
                    received.complete("<eof>");
                } catch (Exception e) {
                    port.completeExceptionally(e);
                    received.completeExceptionally(e);
                }
            }, "s_server-reader");
            reader.setDaemon(true);
            reader.start();
            int serverPort = port.get(10, TimeUnit.SECONDS);
            LoopTester.run(t -> {
                Socket c = Tls.connect(serverPort, "localhost", trustingTestCa(), t.expect(() -> { }));
                c.write(Buffer.from("from stardust\n"), t.expect((Throwable err) -> c.destroy()));
                c.resume();
            });
            assertEquals("from stardust", received.get(10, TimeUnit.SECONDS));
        } finally {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void connectOptionsTryEveryAddressAndTheWinnerHandshakesForTheHostName() {
        StringBuilder got = new StringBuilder();
        List<String> asked = new ArrayList<>();
        LoopTester.run(t -> {
            Server server = Tls.createServer(serverOptions("server"), s -> s.pipe(s));
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                // 127.0.0.2 refuses; the certificate is checked against "localhost", not the address that won.
                ConnectOptions where = ConnectOptions.defaults().withHost("localhost").withPort(s.address().port())
                        .withLookup((host, o) -> {
                            asked.add(host);
                            return Promise.resolved(List.of(new LookupAddress("127.0.0.2", 4),
                                    new LookupAddress("127.0.0.1", 4)));
                        });
                Socket c = Tls.connect(where, trustingTestCa());
                c.on("secureConnect", t.expect((Object none) -> assertEquals("127.0.0.1", c.remoteAddress())));
                c.setEncoding(StandardCharsets.UTF_8).onData(got::append);
                c.end(Buffer.from("over the winner"));
                c.onClose(() -> server.close());
            });
        });
        assertEquals("over the winner", got.toString());
        assertEquals(List.of("localhost"), asked);
    }

    @Test
    void maxConnectionsCountsHandshakesInProgressAndDropsTheRest() {
        List<String> events = new ArrayList<>();
        LoopTester.run(t -> {
            Server server = Tls.createServer(serverOptions("server"), s -> {
                events.add("secure connection");
                // The client destroys its end with the server's session tickets unread: a reset, as node's.
                s.onError(e -> { });
            }).maxConnections(1);
            server.onDrop(t.expect((dev.stardust.AddressInfo peer) -> events.add("drop")));
            server.listen(0, "127.0.0.1").onSuccess(s -> {
                int port = s.address().port();
                Socket first = Tls.connect(port, "localhost", trustingTestCa());
                first.on("secureConnect", t.expect((Object none) -> {
                    Socket second = Tls.connect(port, "localhost", trustingTestCa());
                    second.on("secureConnect", t.expect((Object never) -> { }, 0));
                    second.onError(e -> events.add("second failed: " + ((StardustException) e).code()));
                    second.onClose(() -> {
                        first.destroy();
                        server.close();
                    });
                }));
            });
        });
        assertEquals(List.of("secure connection", "drop", "second failed: ECONNRESET"), events);
    }
}
