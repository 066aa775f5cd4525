package dev.stardust.dns.resolver;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real DNS server for tests: dnsmasq on a free loopback port, authoritative for {@code .test} with the records
 * given as dnsmasq options ({@code --host-record=...}), forwarding nothing. {@link #close()} stops it.
 */
final class Dnsmasq implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;

    private Dnsmasq(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts dnsmasq with {@code records} and returns once it answers, within 10 seconds. */
    static Dnsmasq start(List<String> records) throws Exception {
        int port = freeUdpAndTcpPort();
        Path log = Files.createTempFile("dnsmasq", ".log");
        List<String> command = new ArrayList<>(List.of(findDnsmasq(), "--keep-in-foreground", "--no-resolv",
                "--no-hosts", "--conf-file=/dev/null", "--port=" + port, "--listen-address=127.0.0.1",
                "--bind-interfaces", "--user=root", "--group=root", "--local=/test/", "--local-ttl=60",
                "--host-record=host.test,10.0.0.1,fd00::1"));
        command.addAll(records);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Dnsmasq dnsmasq = new Dnsmasq(process, log, port);
        try {
            dnsmasq.awaitReady();
        } catch (Exception | Error e) {
            dnsmasq.close();
            throw e;
        }
        return dnsmasq;
    }

    /** The server as a {@link Resolver#setServers} entry, {@code 127.0.0.1:port}. */
    String server() {
        return "127.0.0.1:" + port;
    }

    /** dnsmasq's process id, for tests that signal it. */
    long pid() {
        return process.pid();
    }

    /** Kills dnsmasq at once (SIGKILL) and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(log);
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
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
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
    private void awaitReady() throws Exception {
        byte[] query = {0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 4, 'h', 'o', 's', 't', 4, 't', 'e', 's', 't', 0, 0, 1, 0, 1};
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.setSoTimeout(100);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    fail("dnsmasq exited with " + process.exitValue() + ": " + Files.readString(log));
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
