package dev.stardust.dns.resolver.internal;

import dev.stardust.StardustException;
import io.netty.util.NetUtil;

/** The names reverse lookups ask for: {@code 4.3.2.1.in-addr.arpa}, and 32 reversed nibbles under {@code ip6.arpa}. */
public final class ReverseNames {

    private ReverseNames() {
    }

    /** The PTR name of {@code ip}; fails with {@code EINVAL} for a text that is no IP address. */
    public static String of(String ip) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(ip);
        if (bytes == null) {
            throw new StardustException("EINVAL", "getHostByAddr EINVAL " + ip);
        }
        StringBuilder sb = new StringBuilder(72);
        if (bytes.length == 4) {
            for (int i = 3; i >= 0; i--) {
                sb.append(bytes[i] & 0xff).append('.');
            }
            return sb.append("in-addr.arpa").toString();
        }
        for (int i = bytes.length - 1; i >= 0; i--) {
            sb.append(Character.forDigit(bytes[i] & 0xf, 16)).append('.')
                    .append(Character.forDigit((bytes[i] >>> 4) & 0xf, 16)).append('.');
        }
        return sb.append("ip6.arpa").toString();
    }
}
