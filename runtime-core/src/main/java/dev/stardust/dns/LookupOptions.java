package dev.stardust.dns;

/**
 * Options of {@link Dns#lookup(String, LookupOptions)}, node's {@code {family, order}}; immutable, each
 * {@code withX} returns a copy.
 */
public final class LookupOptions {
    private static final LookupOptions DEFAULTS = new LookupOptions(0, Order.VERBATIM);

    /** The order of the addresses found (node's {@code order} option). */
    public enum Order {
        /** As the system resolver returned them (node's {@code 'verbatim'}, its default). */
        VERBATIM,
        /** IPv4 addresses before IPv6 ones (node's {@code 'ipv4first'}). */
        IPV4_FIRST,
        /** IPv6 addresses before IPv4 ones (node's {@code 'ipv6first'}). */
        IPV6_FIRST
    }

    private final int family;
    private final Order order;

    private LookupOptions(int family, Order order) {
        this.family = family;
        this.order = order;
    }

    /** Any family, verbatim order. */
    public static LookupOptions defaults() {
        return DEFAULTS;
    }

    /** Only addresses of {@code family}: 4, 6, or 0 for both (node's {@code family}). */
    public LookupOptions withFamily(int family) {
        if (family != 0 && family != 4 && family != 6) {
            throw new IllegalArgumentException("family must be 0, 4 or 6, got " + family);
        }
        return new LookupOptions(family, order);
    }

    /** The order of the addresses (node's {@code order}). */
    public LookupOptions withOrder(Order order) {
        return new LookupOptions(family, order);
    }

    /** The family asked for: 4, 6, or 0 for both. */
    public int family() {
        return family;
    }

    /** The order of the addresses. */
    public Order order() {
        return order;
    }
}
