package dev.stardust.dns.internal;

import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.dns.HostAndService;
import dev.stardust.internal.RealLoop;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code dns.lookupService}, node's {@code getnameinfo(address, port, NI_NAMEREQD)}: the host name from the JDK's
 * reverse lookup through the system resolver (hosts file, then DNS), the service name from {@code /etc/services}
 * as {@code getservbyport(port, "tcp")} reads it. Blocking, so on the worker pool. One difference from the C
 * call: the JDK keeps a reverse name only if that name resolves back to the address.
 */
public final class NameInfo {
    private static final Path SERVICES = Path.of("/etc/services");

    private NameInfo() {
    }

    /**
     * The host and service of {@code address}:{@code port}; throws at once for a text that is no IP address
     * ({@code ERR_INVALID_ARG_VALUE}) or a port outside 0 to 65535 ({@code ERR_SOCKET_BAD_PORT}), as node does,
     * and fails with {@code ENOTFOUND} when the address has no name. Loop thread only.
     */
    public static Promise<HostAndService> lookupService(RealLoop loop, String address, int port) {
        loop.checkThread();
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes == null) {
            throw new StardustException("ERR_INVALID_ARG_VALUE",
                    "The argument 'address' is invalid. Received '" + address + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new StardustException("ERR_SOCKET_BAD_PORT", "Port should be >= 0 and < 65536. Received " + port + ".");
        }
        return loop.executeBlocking(() -> {
            InetAddress ip = InetAddress.getByAddress(bytes);
            String host = ip.getCanonicalHostName();
            if (host.equals(ip.getHostAddress()) || host.equals(NetUtil.toAddressString(ip))) {
                throw new StardustException("ENOTFOUND", "getnameinfo ENOTFOUND " + address);
            }
            return new HostAndService(host, ServiceNames.TCP.getOrDefault(port, Integer.toString(port)));
        });
    }

    /** The first TCP service name of each port in {@code /etc/services}, read once, on first use. */
    private static final class ServiceNames {
        static final Map<Integer, String> TCP = read();

        private static Map<Integer, String> read() {
            Map<Integer, String> names = new HashMap<>();
            try {
                for (String line : Files.readAllLines(SERVICES, StandardCharsets.UTF_8)) {
                    int hash = line.indexOf('#');
                    String[] words = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
                    if (words.length >= 2 && words[1].endsWith("/tcp")) {
                        try {
                            names.putIfAbsent(Integer.parseInt(words[1].substring(0, words[1].length() - 4)), words[0]);
                        } catch (NumberFormatException e) {
                            // a malformed line names nothing, as for getservbyport
                        }
                    }
                }
            } catch (IOException e) {
                // no services file: every port is its number, as getnameinfo gives it then
            }
            return Map.copyOf(names);
        }
    }
}
