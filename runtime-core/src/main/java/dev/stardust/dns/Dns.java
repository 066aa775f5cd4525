package dev.stardust.dns;

import dev.stardust.Promise;
import dev.stardust.dns.internal.SystemLookup;
import dev.stardust.internal.RealLoop;
import java.util.List;

/**
 * node's {@code dns.lookup}: resolves a host name as every other program on the machine does (the hosts file
 * first, then DNS, as the system's resolver configuration says), on the loop's worker pool because the system
 * resolver blocks. IP address literals resolve at once without the pool. Failures are {@code ENOTFOUND}. Loop
 * thread only.
 */
public final class Dns {

    private Dns() {
    }

    /** The first address of {@code host} (node's {@code dns.lookup(host)}). */
    public static Promise<LookupAddress> lookup(String host) {
        return lookup(host, LookupOptions.defaults());
    }

    /** The first address of {@code host} of the family and order asked (node's {@code dns.lookup(host, options)}). */
    public static Promise<LookupAddress> lookup(String host, LookupOptions options) {
        return lookupAll(host, options).map(all -> all.get(0));
    }

    /** Every address of {@code host} (node's {@code dns.lookup(host, {all: true})}). */
    public static Promise<List<LookupAddress>> lookupAll(String host) {
        return lookupAll(host, LookupOptions.defaults());
    }

    /** Every address of {@code host} of the family and order asked (node's {@code lookup} with {@code all: true}). */
    public static Promise<List<LookupAddress>> lookupAll(String host, LookupOptions options) {
        return SystemLookup.lookupAll(RealLoop.current(), host, options);
    }
}
