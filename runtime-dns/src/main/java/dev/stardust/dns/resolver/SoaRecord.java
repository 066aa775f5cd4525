package dev.stardust.dns.resolver;

/**
 * A zone's start of authority, as node's {@code resolveSoa} returns it.
 *
 * @param nsname the primary name server
 * @param hostmaster the responsible mailbox, as a domain name
 * @param serial the zone's serial number
 * @param refresh seconds between secondaries' refreshes
 * @param retry seconds before a failed refresh is retried
 * @param expire seconds after which a secondary stops answering
 * @param minttl the negative-caching time to live
 */
public record SoaRecord(String nsname, String hostmaster, long serial, long refresh, long retry, long expire,
        long minttl) {
}
