package dev.stardust.dns;

import dev.stardust.Promise;
import dev.stardust.dns.internal.NameInfo;
import dev.stardust.dns.internal.SystemLookup;
import dev.stardust.internal.RealLoop;
import java.util.List;

/**
 * node's {@code dns.lookup}: resolves a host name as every other program on the machine does (the hosts file
 * first, then DNS, as the system's resolver configuration says), on the loop's worker pool because the system
 * resolver blocks. IP address literals resolve at once without the pool. Failures are {@code ENOTFOUND}. Loop
 * thread only. {@link #lookupService} goes the other way, from an address and port to names.
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

    /**
     * The host name of {@code address} and the service name of {@code port}, through the system's resolver and
     * {@code /etc/services} (node's {@code dns.lookupService(address, port)}); an address without a name fails
     * with {@code ENOTFOUND}, a port without a service gives its number.
     *
     * @throws dev.stardust.StardustException {@code ERR_INVALID_ARG_VALUE} unless {@code address} is an IP
     *     address, {@code ERR_SOCKET_BAD_PORT} unless {@code port} is 0 to 65535
     */
    public static Promise<HostAndService> lookupService(String address, int port) {
        return NameInfo.lookupService(RealLoop.current(), address, port);
    }
}
