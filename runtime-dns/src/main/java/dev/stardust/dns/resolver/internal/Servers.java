package dev.stardust.dns.resolver.internal;

import dev.stardust.StardustException;
import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Name server addresses: node's text forms ({@code 1.2.3.4}, {@code 1.2.3.4:5353}, {@code [::1]:53}). */
final class Servers {
    private static final int DNS_PORT = 53;

    private Servers() {
    }

    static InetSocketAddress parse(String server) {
        String host = server;
        int port = DNS_PORT;
        if (server.startsWith("[")) {
            int close = server.indexOf(']');
            if (close < 0) {
                throw invalid(server);
            }
            host = server.substring(1, close);
            if (server.length() > close + 1) {
                if (server.charAt(close + 1) != ':') {
                    throw invalid(server);
                }
                port = port(server, server.substring(close + 2));
            }
        } else if (server.indexOf(':') == server.lastIndexOf(':') && server.indexOf(':') > 0) {
            host = server.substring(0, server.indexOf(':'));
            port = port(server, server.substring(server.indexOf(':') + 1));
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
        if (bytes == null) {
            throw invalid(server);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException e) {
            throw invalid(server);
        }
    }

    static String format(InetSocketAddress server) {
        String ip = NetUtil.toAddressString(server.getAddress());
        if (server.getPort() == DNS_PORT) {
            return ip;
        }
        return server.getAddress() instanceof Inet6Address ? "[" + ip + "]:" + server.getPort()
                : ip + ":" + server.getPort();
    }

    private static int port(String server, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port < 65_536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(server);
    }

    private static StardustException invalid(String server) {
        return new StardustException("ERR_INVALID_IP_ADDRESS", "invalid IP address: " + server);
    }
}
