package dev.stardust.dns.resolver;

/**
 * A service location, as node's {@code resolveSrv} returns it.
 *
 * @param priority lower is preferred
 * @param weight relative weight among records of the same priority
 * @param port the service's port
 * @param name the host name of the target
 */
public record SrvRecord(int priority, int weight, int port, String name) {
}
