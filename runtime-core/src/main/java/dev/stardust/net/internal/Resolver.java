package dev.stardust.net.internal;

import dev.stardust.Promise;
import dev.stardust.internal.EventLoopImpl;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.SystemErrors;
import io.netty.util.NetUtil;
import java.net.InetAddress;

/**
 * Host names to addresses through the operating system's resolver, on the loop's worker pool so the loop never
 * blocks, as node's {@code dns.lookup}. IP literals skip the pool. Failures are {@code ENOTFOUND}-style errors.
 */
public final class Resolver {
    private Resolver() {
    }

    /** The first address {@code host} resolves to, as {@code dns.lookup(host)}; on the loop thread. */
    public static Promise<InetAddress> lookup(EventLoopImpl loop, String host) {
        InetAddress literal = literal(host);
        LoopPromise<InetAddress> result = new LoopPromise<>(loop);
        if (literal != null) {
            result.resolve(literal);
            return result;
        }
        loop.executeBlocking(() -> InetAddress.getAllByName(host)[0]).onComplete((address, error) -> {
            if (error != null || address == null) {
                result.reject(SystemErrors.from(error != null ? error : new java.net.UnknownHostException(host),
                        "getaddrinfo", host));
            } else {
                result.resolve(address);
            }
        });
        return result;
    }

    /** {@code host} as an address when it is an IPv4 or IPv6 literal, else null. */
    public static @org.jspecify.annotations.Nullable InetAddress literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return NetUtil.isValidIpV4Address(h) || NetUtil.isValidIpV6Address(h)
                ? NetUtil.createInetAddressFromIpAddressString(h) : null;
    }
}
