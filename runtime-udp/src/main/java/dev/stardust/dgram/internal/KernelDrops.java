package dev.stardust.dgram.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads how many datagrams the kernel dropped for one bound UDP socket. Linux keeps the count per socket in the
 * last column of {@code /proc/net/udp} and {@code /proc/net/udp6}, keyed by the local address in hexadecimal;
 * procfs is served from memory, so the read is cheap enough for the loop thread. Other systems report 0.
 */
final class KernelDrops {
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private KernelDrops() {
    }

    static long of(InetSocketAddress local, boolean ipv6) {
        Path table = Path.of(ipv6 ? "/proc/net/udp6" : "/proc/net/udp");
        if (!Files.isReadable(table)) {
            return 0;
        }
        String key = procAddress(local.getAddress().getAddress()) + ":"
                + String.format(Locale.ROOT, "%04X", local.getPort());
        List<String> lines;
        try {
            lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return 0;
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] fields = lines.get(i).trim().split("\\s+");
            if (fields.length > 2 && fields[1].equals(key)) {
                try {
                    return Long.parseLong(fields[fields.length - 1]);
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** The address as procfs prints it: each 32-bit word in the machine's byte order, upper-case hexadecimal. */
    private static String procAddress(byte[] address) {
        StringBuilder sb = new StringBuilder(address.length * 2);
        for (int word = 0; word < address.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                int b = address[word + (LITTLE_ENDIAN ? 3 - i : i)] & 0xff;
                sb.append(Character.toUpperCase(Character.forDigit(b >>> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
