package dev.stardust.dns.resolver;

import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.dns.resolver.internal.Answers;
import dev.stardust.dns.resolver.internal.DnsClient;
import dev.stardust.dns.resolver.internal.ReverseNames;
import dev.stardust.dns.resolver.internal.ResourceRecord;
import dev.stardust.internal.RealLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * node's {@code dns.Resolver}: asks DNS servers directly, over UDP with a TCP retry for truncated answers, instead
 * of going through the operating system as {@link dev.stardust.dns.Dns#lookup} does. Servers default to the
 * system's ({@code /etc/resolv.conf}, or the file {@link ResolverOptions#withResolvConf} names); each query tries
 * each server {@link ResolverOptions#tries()} times. Names are asked as they are, as node does, unless
 * {@link ResolverOptions#withSearch} turns on the file's search list and {@code ndots} rule.
 *
 * <p>Failures are {@link StardustException}s with node's codes: {@code ENOTFOUND} (no such name),
 * {@code ENODATA} (no record of that type), {@code ESERVFAIL}, {@code EREFUSED}, {@code EFORMERR},
 * {@code ETIMEOUT}, {@code ECONNREFUSED}, {@code EBADRESP} (a malformed answer) and {@code ECANCELLED}.
 * Bound to the loop it was made on; loop thread only.
 */
public final class Resolver {
    private final DnsClient client;

    /** A resolver with the default options (node's {@code new Resolver()}). */
    public Resolver() {
        this(ResolverOptions.defaults());
    }

    /**
     * A resolver with {@code options} (node's {@code new Resolver({timeout, tries})}); reads the options'
     * {@code resolv.conf} at once.
     */
    public Resolver(ResolverOptions options) {
        this.client = new DnsClient(RealLoop.current(), options);
    }

    /** The IPv4 addresses of {@code name} (node's {@code resolver.resolve(name)}, whose type defaults to A). */
    public Promise<List<String>> resolve(String name) {
        return resolve4(name);
    }

    /**
     * The records of {@code name} of {@code type}, as the method for that type gives them (node's
     * {@code resolver.resolve(name, rrtype)}, with {@link RecordType#of(String)} for node's type strings).
     */
    public <T> Promise<T> resolve(String name, RecordType<T> type) {
        return type.resolve(this, name);
    }

    /** The IPv4 addresses of {@code name} (node's {@code resolver.resolve4(name)}). */
    public Promise<List<String>> resolve4(String name) {
        return select(name, Answers.A, "queryA", rr -> (String) rr.data());
    }

    /** The IPv4 addresses of {@code name} with their TTLs (node's {@code resolve4(name, {ttl: true})}). */
    public Promise<List<RecordWithTtl>> resolve4WithTtl(String name) {
        return select(name, Answers.A, "queryA", rr -> new RecordWithTtl((String) rr.data(), (int) rr.ttl()));
    }

    /** The IPv6 addresses of {@code name} (node's {@code resolver.resolve6(name)}). */
    public Promise<List<String>> resolve6(String name) {
        return select(name, Answers.AAAA, "queryAaaa", rr -> (String) rr.data());
    }

    /** The IPv6 addresses of {@code name} with their TTLs (node's {@code resolve6(name, {ttl: true})}). */
    public Promise<List<RecordWithTtl>> resolve6WithTtl(String name) {
        return select(name, Answers.AAAA, "queryAaaa", rr -> new RecordWithTtl((String) rr.data(), (int) rr.ttl()));
    }

    /** The mail exchangers of {@code name} (node's {@code resolver.resolveMx(name)}). */
    public Promise<List<MxRecord>> resolveMx(String name) {
        return select(name, Answers.MX, "queryMx", rr -> (MxRecord) rr.data());
    }

    /** The text records of {@code name}, each as its chunks (node's {@code resolver.resolveTxt(name)}). */
    @SuppressWarnings("unchecked")
    public Promise<List<List<String>>> resolveTxt(String name) {
        return select(name, Answers.TXT, "queryTxt", rr -> (List<String>) rr.data());
    }

    /** The service records of {@code name} (node's {@code resolver.resolveSrv(name)}). */
    public Promise<List<SrvRecord>> resolveSrv(String name) {
        return select(name, Answers.SRV, "querySrv", rr -> (SrvRecord) rr.data());
    }

    /** The name servers of {@code name} (node's {@code resolver.resolveNs(name)}). */
    public Promise<List<String>> resolveNs(String name) {
        return select(name, Answers.NS, "queryNs", rr -> (String) rr.data());
    }

    /** The canonical names {@code name} is an alias of (node's {@code resolver.resolveCname(name)}). */
    public Promise<List<String>> resolveCname(String name) {
        return select(name, Answers.CNAME, "queryCname", rr -> (String) rr.data());
    }

    /** The start-of-authority record of zone {@code name} (node's {@code resolver.resolveSoa(name)}). */
    public Promise<SoaRecord> resolveSoa(String name) {
        return select(name, Answers.SOA, "querySoa", rr -> (SoaRecord) rr.data()).map(all -> all.get(0));
    }

    /** The pointer records of {@code name} (node's {@code resolver.resolvePtr(name)}). */
    public Promise<List<String>> resolvePtr(String name) {
        return select(name, Answers.PTR, "queryPtr", rr -> (String) rr.data());
    }

    /** The certification authority authorizations of {@code name} (node's {@code resolver.resolveCaa(name)}). */
    public Promise<List<CaaRecord>> resolveCaa(String name) {
        return select(name, Answers.CAA, "queryCaa", rr -> (CaaRecord) rr.data());
    }

    /** Every record of {@code name} the server gives for an ANY query (node's {@code resolver.resolveAny(name)}). */
    public Promise<List<AnyRecord>> resolveAny(String name) {
        return client.search(name, 255, "queryAny").map(answers -> {
            if (answers.isEmpty()) {
                throw new StardustException("ENODATA", "queryAny ENODATA " + name);
            }
            List<AnyRecord> out = new ArrayList<>(answers.size());
            for (ResourceRecord rr : answers) {
                out.add(new AnyRecord(Answers.typeName(rr.type()), (int) rr.ttl(), rr.text()));
            }
            return List.copyOf(out);
        });
    }

    /**
     * The host names of address {@code ip}, through {@code in-addr.arpa} or, for IPv6, the nibbles of
     * {@code ip6.arpa} (node's {@code resolver.reverse(ip)}). A text that is no IP address fails with {@code EINVAL}.
     */
    public Promise<List<String>> reverse(String ip) {
        String name;
        try {
            name = ReverseNames.of(ip);
        } catch (StardustException e) {
            return Promise.rejected(e);
        }
        return select(name, client.query(name, Answers.PTR, "getHostByAddr"), Answers.PTR, "getHostByAddr",
                rr -> (String) rr.data());
    }

    /** The servers asked, in order, as {@code ip} or {@code ip:port} (node's {@code resolver.getServers()}). */
    public List<String> servers() {
        return client.servers();
    }

    /**
     * Replaces the servers with {@code servers}, each {@code ip}, {@code ip:port} or {@code [ipv6]:port}
     * (node's {@code resolver.setServers(servers)}); queries in flight keep theirs.
     */
    public Resolver setServers(List<String> servers) {
        client.servers(servers);
        return this;
    }

    /** Ends every query in flight with {@code ECANCELLED} (node's {@code resolver.cancel()}). */
    public void cancel() {
        client.cancel();
    }

    private <T> Promise<List<T>> select(String name, int type, String syscall, Function<ResourceRecord, T> convert) {
        return select(name, client.search(name, type, syscall), type, syscall, convert);
    }

    private static <T> Promise<List<T>> select(String name, Promise<List<ResourceRecord>> found, int type,
            String syscall, Function<ResourceRecord, T> convert) {
        return found.map(answers -> {
            List<T> out = new ArrayList<>(answers.size());
            for (ResourceRecord rr : answers) {
                if (rr.type() == type) {
                    out.add(convert.apply(rr));
                }
            }
            if (out.isEmpty()) {
                throw new StardustException("ENODATA", syscall + " ENODATA " + name);
            }
            return List.copyOf(out);
        });
    }
}
