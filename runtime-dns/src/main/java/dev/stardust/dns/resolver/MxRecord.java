package dev.stardust.dns.resolver;

/**
 * A mail exchanger, as node's {@code resolveMx} returns it.
 *
 * @param priority lower is preferred
 * @param exchange the host name of the mail server
 */
public record MxRecord(int priority, String exchange) {
}
