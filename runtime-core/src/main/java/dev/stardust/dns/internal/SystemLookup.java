package dev.stardust.dns.internal;

import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.dns.LookupAddress;
import dev.stardust.dns.LookupOptions;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.RealLoop;
import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code dns.lookup} on the JDK's {@link InetAddress#getAllByName}, which asks the system resolver
 * ({@code getaddrinfo} on Unix: hosts file, then DNS, per {@code nsswitch.conf}). It blocks, so it runs on the
 * worker pool. Note the JDK's own address cache ({@code networkaddress.cache.ttl}, 30 s by default).
 */
public final class SystemLookup {

    private SystemLookup() {
    }

    /** Every address of {@code host} matching {@code options}; fails with {@code ENOTFOUND}. Loop thread only. */
    public static Promise<List<LookupAddress>> lookupAll(RealLoop loop, String host, LookupOptions options) {
        loop.checkThread();
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        if (literal != null) {
            LoopPromise<List<LookupAddress>> done = new LoopPromise<>(loop);
            int family = literal.length == 4 ? 4 : 6;
            if (options.family() != 0 && options.family() != family) {
                done.reject(notFound(host, null));
            } else {
                done.resolve(List.of(new LookupAddress(NetUtil.bytesToIpAddress(literal), family)));
            }
            return done;
        }
        if (host.isEmpty()) {
            LoopPromise<List<LookupAddress>> failed = new LoopPromise<>(loop);
            failed.reject(notFound(host, null));
            return failed;
        }
        return loop.executeBlocking(() -> {
            InetAddress[] found;
            try {
                found = InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                throw notFound(host, e);
            }
            List<LookupAddress> result = new ArrayList<>(found.length);
            for (InetAddress a : found) {
                int family = a instanceof Inet6Address ? 6 : 4;
                if (options.family() == 0 || options.family() == family) {
                    result.add(new LookupAddress(NetUtil.toAddressString(a), family));
                }
            }
            if (result.isEmpty()) {
                throw notFound(host, null);
            }
            switch (options.order()) {
                case IPV4_FIRST -> result.sort(Comparator.comparingInt(LookupAddress::family));
                case IPV6_FIRST -> result.sort(Comparator.comparingInt(LookupAddress::family).reversed());
                case VERBATIM -> { }
            }
            return List.copyOf(result);
        });
    }

    /** The first address of {@code host} of {@code family} (0: any) as an {@link InetAddress}. */
    public static Promise<InetAddress> resolve(RealLoop loop, String host, int family) {
        return lookupAll(loop, host, LookupOptions.defaults().withFamily(family)).map(all -> {
            try {
                return InetAddress.getByAddress(host, NetUtil.createByteArrayFromIpAddressString(all.get(0).address()));
            } catch (UnknownHostException e) {
                throw notFound(host, e);
            }
        });
    }

    private static StardustException notFound(String host, @Nullable Throwable cause) {
        return new StardustException("ENOTFOUND", "getaddrinfo ENOTFOUND " + host, cause);
    }
}
