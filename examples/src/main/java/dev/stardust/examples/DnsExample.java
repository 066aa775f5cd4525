package dev.stardust.examples;

import dev.stardust.Loop;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.dns.Dns;
import dev.stardust.dns.resolver.Resolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * {@code dns TYPE NAME [--server HOST:PORT]}: a small dig. Prints one record per line; on failure prints the
 * error code and exits with status 1. {@code dns lookup NAME} asks the operating system's resolver instead.
 */
public final class DnsExample implements Example {

    @Override
    public String name() {
        return "dns";
    }

    @Override
    public String description() {
        return "TYPE NAME [--server HOST:PORT] resolve A, AAAA, MX, TXT, SRV, NS, CNAME, SOA, PTR, CAA, ANY, "
                + "REVERSE or LOOKUP (the OS resolver)";
    }

    @Override
    public int run(String[] args) {
        List<String> positional = new ArrayList<>();
        @Nullable String server = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--server") && i + 1 < args.length) {
                server = args[++i];
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.size() != 2) {
            System.err.println("usage: dns TYPE NAME [--server HOST:PORT]");
            return 2;
        }
        String type = positional.get(0).toUpperCase(Locale.ROOT);
        String name = positional.get(1);
        @Nullable String chosen = server;
        AtomicInteger status = new AtomicInteger();
        Loop.run(() -> query(type, name, chosen).onComplete((lines, error) -> {
            if (error != null) {
                System.out.println(error instanceof StardustException se ? se.code() : error.toString());
                status.set(1);
            } else if (lines != null) {
                lines.forEach(System.out::println);
            }
        }));
        return status.get();
    }

    private static Promise<List<String>> query(String type, String name, @Nullable String server) {
        if (type.equals("LOOKUP")) {
            return Dns.lookupAll(name).map(all -> all.stream().map(a -> a.address() + " IPv" + a.family()).toList());
        }
        Resolver resolver = new Resolver();
        if (server != null) {
            resolver.setServers(List.of(server));
        }
        return switch (type) {
            case "A" -> lines(resolver.resolve4WithTtl(name));
            case "AAAA" -> lines(resolver.resolve6WithTtl(name));
            case "MX" -> lines(resolver.resolveMx(name));
            case "TXT" -> lines(resolver.resolveTxt(name));
            case "SRV" -> lines(resolver.resolveSrv(name));
            case "NS" -> lines(resolver.resolveNs(name));
            case "CNAME" -> lines(resolver.resolveCname(name));
            case "SOA" -> resolver.resolveSoa(name).map(soa -> List.of(soa.toString()));
            case "PTR" -> lines(resolver.resolvePtr(name));
            case "CAA" -> lines(resolver.resolveCaa(name));
            case "ANY" -> lines(resolver.resolveAny(name));
            case "REVERSE" -> lines(resolver.reverse(name));
            default -> Promise.rejected(new StardustException("ENOTIMP", "unknown record type " + type));
        };
    }

    private static Promise<List<String>> lines(Promise<? extends List<?>> records) {
        return records.map(list -> list.stream().map(String::valueOf).toList());
    }
}
