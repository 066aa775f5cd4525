package dev.stardust.dns.resolver.internal;

import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.dns.resolver.ResolverOptions;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.RealLoop;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind a {@code Resolver}: its servers, its cache and its queries in flight. IDs come from a
 * {@link SecureRandom}; every try opens its own socket, so the kernel picks a new random source port each time.
 * Cached answers expire with the smallest TTL among their records and come back with the TTL they have left.
 * Loop thread only.
 */
public final class DnsClient {
    private static final int MAX_CACHE_ENTRIES = 10_000;

    private final RealLoop loop;
    private final ResolverOptions options;
    private final ResolvConf conf;
    private final SecureRandom random = new SecureRandom();
    private final Set<Query> inFlight = new LinkedHashSet<>();
    private final Map<String, CacheEntry> cache = new HashMap<>();
    private List<InetSocketAddress> servers;

    private record CacheEntry(long storedNanos, long expiresNanos, List<ResourceRecord> answers) {
    }

    public DnsClient(RealLoop loop, ResolverOptions options) {
        this.loop = loop;
        this.options = options;
        this.conf = ResolvConf.read(options.resolvConf());
        this.servers = conf.servers();
    }

    /**
     * The answers to {@code name}/{@code type} through the search list of the resolver's {@code resolv.conf} when
     * the options ask for it ({@link Search}), else those to {@code name} alone; empty for a reply without records.
     */
    public Promise<List<ResourceRecord>> search(String name, int type, String syscall) {
        if (!options.search()) {
            return query(name, type, syscall);
        }
        loop.checkThread();
        LoopPromise<List<ResourceRecord>> promise = new LoopPromise<>(loop);
        Search.start(this, name, conf.candidates(name), type, syscall, promise);
        return promise;
    }

    /** The answers to {@code name}/{@code type}; {@code syscall} names the query in errors ({@code queryMx}). */
    public Promise<List<ResourceRecord>> query(String name, int type, String syscall) {
        loop.checkThread();
        LoopPromise<List<ResourceRecord>> promise = new LoopPromise<>(loop);
        String key = name.toLowerCase(Locale.ROOT) + "/" + type;
        List<ResourceRecord> cached = cached(key);
        if (cached != null) {
            promise.resolve(cached);
            return promise;
        }
        DnsQuestion question;
        try {
            question = new DefaultDnsQuestion(name, DnsRecordType.valueOf(type));
        } catch (IllegalArgumentException e) {
            promise.reject(new StardustException("EBADNAME", syscall + " EBADNAME " + name, e));
            return promise;
        }
        LoopPromise<List<ResourceRecord>> raw = new LoopPromise<>(loop);
        raw.onComplete((answers, error) -> {
            if (error != null) {
                promise.reject(error);
            } else if (answers != null) {
                store(key, answers);
                promise.resolve(answers);
            }
        });
        Query query = new Query(this, question, name, syscall, raw);
        inFlight.add(query);
        query.start();
        return promise;
    }

    /** Ends every query in flight with {@code ECANCELLED}. */
    public void cancel() {
        loop.checkThread();
        for (Query q : new ArrayList<>(inFlight)) {
            q.cancel();
        }
    }

    public List<String> servers() {
        List<String> out = new ArrayList<>(servers.size());
        for (InetSocketAddress s : servers) {
            out.add(Servers.format(s));
        }
        return out;
    }

    public void servers(List<String> newServers) {
        List<InetSocketAddress> parsed = new ArrayList<>(newServers.size());
        for (String s : newServers) {
            parsed.add(Servers.parse(s));
        }
        servers = List.copyOf(parsed);
    }

    RealLoop loop() {
        return loop;
    }

    ResolverOptions options() {
        return options;
    }

    List<InetSocketAddress> serverList() {
        return servers;
    }

    int nextId() {
        return random.nextInt(65_536);
    }

    void finished(Query query, @Nullable List<ResourceRecord> answers) {
        inFlight.remove(query);
    }

    private @Nullable List<ResourceRecord> cached(String key) {
        if (!options.cache()) {
            return null;
        }
        CacheEntry entry = cache.get(key);
        if (entry == null) {
            return null;
        }
        long now = System.nanoTime();
        if (now - entry.expiresNanos >= 0) {
            cache.remove(key);
            return null;
        }
        long elapsed = TimeUnit.NANOSECONDS.toSeconds(now - entry.storedNanos);
        List<ResourceRecord> out = new ArrayList<>(entry.answers.size());
        for (ResourceRecord rr : entry.answers) {
            out.add(rr.withTtl(Math.max(0, rr.ttl() - elapsed)));
        }
        return List.copyOf(out);
    }

    private void store(String key, List<ResourceRecord> answers) {
        if (!options.cache() || answers.isEmpty()) {
            return;
        }
        long ttl = Long.MAX_VALUE;
        for (ResourceRecord rr : answers) {
            ttl = Math.min(ttl, rr.ttl());
        }
        if (ttl <= 0) {
            return;
        }
        if (cache.size() >= MAX_CACHE_ENTRIES) {
            long now = System.nanoTime();
            cache.values().removeIf(e -> now - e.expiresNanos >= 0);
            if (cache.size() >= MAX_CACHE_ENTRIES) {
                cache.clear();
            }
        }
        long now = System.nanoTime();
        cache.put(key, new CacheEntry(now, now + TimeUnit.SECONDS.toNanos(ttl), List.copyOf(answers)));
    }
}
