package dev.stardust.dns.resolver;

import dev.stardust.Promise;
import dev.stardust.StardustException;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A record type that {@link Resolver#resolve(String, RecordType)} asks for, node's {@code rrtype} string with the
 * type of its answer: {@code resolve(name, RecordType.MX)} is a {@code Promise<List<MxRecord>>}, as node's
 * {@code resolver.resolve(name, 'MX')} resolves to what {@code resolveMx} gives. {@link #of(String)} turns node's
 * strings into these.
 *
 * @param <T> what a resolution of this type completes with
 */
public final class RecordType<T> {
    /** IPv4 addresses, as {@link Resolver#resolve4}. */
    public static final RecordType<List<String>> A = new RecordType<>("A", Resolver::resolve4);
    /** IPv6 addresses, as {@link Resolver#resolve6}. */
    public static final RecordType<List<String>> AAAA = new RecordType<>("AAAA", Resolver::resolve6);
    /** Every record the server gives, as {@link Resolver#resolveAny}. */
    public static final RecordType<List<AnyRecord>> ANY = new RecordType<>("ANY", Resolver::resolveAny);
    /** Certification authority authorizations, as {@link Resolver#resolveCaa}. */
    public static final RecordType<List<CaaRecord>> CAA = new RecordType<>("CAA", Resolver::resolveCaa);
    /** Canonical names, as {@link Resolver#resolveCname}. */
    public static final RecordType<List<String>> CNAME = new RecordType<>("CNAME", Resolver::resolveCname);
    /** Mail exchangers, as {@link Resolver#resolveMx}. */
    public static final RecordType<List<MxRecord>> MX = new RecordType<>("MX", Resolver::resolveMx);
    /** Name servers, as {@link Resolver#resolveNs}. */
    public static final RecordType<List<String>> NS = new RecordType<>("NS", Resolver::resolveNs);
    /** Pointers, as {@link Resolver#resolvePtr}. */
    public static final RecordType<List<String>> PTR = new RecordType<>("PTR", Resolver::resolvePtr);
    /** The start of authority, one record as node gives it, as {@link Resolver#resolveSoa}. */
    public static final RecordType<SoaRecord> SOA = new RecordType<>("SOA", Resolver::resolveSoa);
    /** Service locations, as {@link Resolver#resolveSrv}. */
    public static final RecordType<List<SrvRecord>> SRV = new RecordType<>("SRV", Resolver::resolveSrv);
    /** Text records, each as its chunks, as {@link Resolver#resolveTxt}. */
    public static final RecordType<List<List<String>>> TXT = new RecordType<>("TXT", Resolver::resolveTxt);

    private static final Map<String, RecordType<?>> BY_NAME = Map.ofEntries(Map.entry("A", A),
            Map.entry("AAAA", AAAA), Map.entry("ANY", ANY), Map.entry("CAA", CAA), Map.entry("CNAME", CNAME),
            Map.entry("MX", MX), Map.entry("NS", NS), Map.entry("PTR", PTR), Map.entry("SOA", SOA),
            Map.entry("SRV", SRV), Map.entry("TXT", TXT));

    private final String name;
    private final BiFunction<Resolver, String, Promise<T>> resolution;

    private RecordType(String name, BiFunction<Resolver, String, Promise<T>> resolution) {
        this.name = name;
        this.resolution = resolution;
    }

    /**
     * The type node names {@code rrtype} ({@code "MX"}, {@code "AAAA"}, ...); any other text throws
     * {@code ERR_INVALID_ARG_VALUE} at once, as node's {@code resolve} does (names are case-sensitive there too).
     */
    public static RecordType<?> of(String rrtype) {
        RecordType<?> type = BY_NAME.get(rrtype);
        if (type == null) {
            throw new StardustException("ERR_INVALID_ARG_VALUE",
                    "The argument 'rrtype' is invalid. Received '" + rrtype + "'");
        }
        return type;
    }

    /** The type's name as node writes it, e.g. {@code MX}. */
    public String name() {
        return name;
    }

    Promise<T> resolve(Resolver resolver, String host) {
        return resolution.apply(resolver, host);
    }

    @Override
    public String toString() {
        return name;
    }
}
