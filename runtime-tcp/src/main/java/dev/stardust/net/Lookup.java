package dev.stardust.net;

import dev.stardust.Promise;
import dev.stardust.dns.Dns;
import dev.stardust.dns.LookupAddress;
import dev.stardust.dns.LookupOptions;
import java.util.List;

/**
 * How a connecting socket turns a host name into addresses, node's {@code lookup} option of {@code net.connect}:
 * {@link Dns#lookupAll(String, LookupOptions)} by default (the system resolver, {@code /etc/hosts} first). Another
 * resolver plugs in as a lambda, for instance {@code runtime-dns}'s:
 *
 * <pre>{@code
 * Resolver resolver = new Resolver();
 * Lookup viaDns = (host, options) -> resolver.resolve4(host)
 *         .map(ips -> ips.stream().map(ip -> new LookupAddress(ip, 4)).toList());
 * }</pre>
 *
 * <p>Called on the loop thread; the promise must complete on it (every Stardust promise does). An empty list or
 * a failed promise fails the connection ({@code ENOTFOUND} for an empty list).
 */
@FunctionalInterface
public interface Lookup {
    /** The system resolver, {@code dns.lookup} with {@code all: true} (node's default {@code lookup}). */
    Lookup SYSTEM = Dns::lookupAll;

    /**
     * Every address of {@code hostname}, in the order to try them; {@code options} carries the family asked for
     * (4, 6, or 0 for any), as node passes {@code {family, all: true}} to its {@code lookup}.
     */
    Promise<List<LookupAddress>> lookup(String hostname, LookupOptions options);
}
