package dev.stardust.dns.resolver;

import static dev.stardust.dns.resolver.ResolverOutcomes.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stardust.Promise;
import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The resolver against a real DNS server: dnsmasq on a loopback port, serving records this test configures. */
class DnsmasqResolverTest {
    private static final String BIG = "x".repeat(200);
    private static Process dnsmasq;
    private static Path log;
    private static String server;

    @BeforeAll
    static void startDnsmasq() throws Exception {
        String binary = findDnsmasq();
        int port = freeUdpAndTcpPort();
        server = "127.0.0.1:" + port;
        log = Files.createTempFile("dnsmasq", ".log");
        dnsmasq = new ProcessBuilder(binary, "--keep-in-foreground", "--no-resolv", "--no-hosts",
                "--conf-file=/dev/null", "--port=" + port, "--listen-address=127.0.0.1", "--bind-interfaces",
                "--user=root", "--group=root", "--local=/test/", "--local-ttl=60",
                "--host-record=host.test,10.0.0.1,fd00::1",
                "--mx-host=mx.test,mail.test,10",
                "--txt-record=txt.test,hello world,second",
                "--txt-record=big.test," + BIG + "," + BIG + "," + BIG,
                "--srv-host=_sip._tcp.test,sip.test,5060,1,2",
                "--cname=alias.test,host.test",
                "--ptr-record=4.3.2.1.in-addr.arpa,ptr.test",
                "--caa-record=caa.test,0,issue,letsencrypt.org")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitReady(port);
    }

    @AfterAll
    static void stopDnsmasq() throws Exception {
        if (dnsmasq != null) {
            dnsmasq.destroy();
            if (!dnsmasq.waitFor(5, TimeUnit.SECONDS)) {
                dnsmasq.destroyForcibly();
            }
        }
    }

    private static String ask(Function<Resolver, Promise<?>> call) {
        return outcome(ResolverOptions.defaults().withTries(1), server, call);
    }

    @Test
    void addressesWithAndWithoutTtls() {
        assertEquals("ok [10.0.0.1]", ask(r -> r.resolve4("host.test")));
        assertEquals("ok [fd00::1]", ask(r -> r.resolve6("host.test")));
        assertEquals("ok [RecordWithTtl[address=10.0.0.1, ttl=60]]", ask(r -> r.resolve4WithTtl("host.test")));
        assertEquals("ok [RecordWithTtl[address=fd00::1, ttl=60]]", ask(r -> r.resolve6WithTtl("host.test")));
    }

    @Test
    void mailTextServiceAndCaaRecords() {
        assertEquals("ok [MxRecord[priority=10, exchange=mail.test]]", ask(r -> r.resolveMx("mx.test")));
        assertEquals("ok [[hello world, second]]", ask(r -> r.resolveTxt("txt.test")));
        assertEquals("ok [SrvRecord[priority=1, weight=2, port=5060, name=sip.test]]",
                ask(r -> r.resolveSrv("_sip._tcp.test")));
        assertEquals("ok [CaaRecord[critical=0, tag=issue, value=letsencrypt.org]]", ask(r -> r.resolveCaa("caa.test")));
    }

    @Test
    void aliasesAndReverseLookups() {
        assertEquals("ok [host.test]", ask(r -> r.resolveCname("alias.test")));
        assertEquals("ok [10.0.0.1]", ask(r -> r.resolve4("alias.test")));
        assertEquals("ok [ptr.test]", ask(r -> r.resolvePtr("4.3.2.1.in-addr.arpa")));
        assertEquals("ok [ptr.test]", ask(r -> r.reverse("1.2.3.4")));
        assertEquals("ok [host.test]", ask(r -> r.reverse("fd00::1")));
        assertEquals("EINVAL", ask(r -> r.reverse("not-an-ip")));
    }

    @Test
    void aTruncatedAnswerFromARealServerComesWholeOverTcp() {
        assertEquals("ok [[" + BIG + ", " + BIG + ", " + BIG + "]]", ask(r -> r.resolveTxt("big.test")));
    }

    @Test
    void missingNamesAndMissingTypesHaveNodesCodes() {
        assertEquals("ENOTFOUND", ask(r -> r.resolve4("nothing.test")));
        assertEquals("ENODATA", ask(r -> r.resolveMx("host.test")));
    }

    @Test
    void soaAndAnyAndServers() {
        String soa = ask(r -> r.resolveSoa("test"));
        assertEquals("ENODATA", soa, "dnsmasq keeps no SOA for a --local domain");
        String any = ask(r -> r.resolveAny("host.test"));
        assertTrue(any.contains("AnyRecord[type=A, ttl=60, data=10.0.0.1]"), any);
        assertEquals("ok [127.0.0.1, 127.0.0.1:5353, ::1, ::1]",
                outcome(ResolverOptions.defaults(), server, r -> Promise.resolved(
                        r.setServers(List.of("127.0.0.1:53", "127.0.0.1:5353", "[::1]:53", "::1")).servers())));
        assertEquals("ok [127.0.0.1, [::1]:5353]", outcome(ResolverOptions.defaults(), server,
                r -> Promise.resolved(r.setServers(List.of("127.0.0.1", "[::1]:5353")).servers())));
    }

    private static String findDnsmasq() {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/usr/local/sbin", "/opt/homebrew/sbin")) {
            File f = new File(dir, "dnsmasq");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return fail("dnsmasq is not installed: apt-get install dnsmasq-base (.ci/run installs it)");
    }

    /** A loopback port free for both UDP and TCP at the time of asking. */
    private static int freeUdpAndTcpPort() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
                    return udp.getLocalPort();
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no loopback port free for both UDP and TCP");
    }

    /** Asks dnsmasq for host.test until it answers: bounded at 10 seconds. */
    private static void awaitReady(int port) throws Exception {
        byte[] query = {0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 4, 'h', 'o', 's', 't', 4, 't', 'e', 's', 't', 0, 0, 1, 0, 1};
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.setSoTimeout(100);
            while (System.nanoTime() < deadline) {
                if (!dnsmasq.isAlive()) {
                    fail("dnsmasq exited with " + dnsmasq.exitValue() + ": " + Files.readString(log));
                }
                probe.send(new DatagramPacket(query, query.length, new InetSocketAddress("127.0.0.1", port)));
                try {
                    probe.receive(new DatagramPacket(new byte[512], 512));
                    return;
                } catch (SocketTimeoutException notYet) {
                    // ask again
                }
            }
        }
        fail("dnsmasq did not answer within 10 s: " + Files.readString(log));
    }
}
