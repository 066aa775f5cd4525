package dev.stardust.dns.resolver;

/**
 * A certification authority authorization, as node's {@code resolveCaa} returns it.
 *
 * @param critical the flags byte: 128 when the issuer must understand the tag
 * @param tag the property, e.g. {@code issue} or {@code iodef}
 * @param value the property's value, e.g. {@code letsencrypt.org}
 */
public record CaaRecord(int critical, String tag, String value) {
}
