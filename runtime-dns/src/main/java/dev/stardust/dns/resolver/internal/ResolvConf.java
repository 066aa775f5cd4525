package dev.stardust.dns.resolver.internal;

import io.netty.resolver.dns.DnsServerAddressStream;
import io.netty.resolver.dns.UnixResolverDnsServerAddressStreamProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a resolver takes from a {@code resolv.conf} file: its name servers, read by Netty's
 * {@link UnixResolverDnsServerAddressStreamProvider}, and its search list and {@code ndots}, which Netty 4.2 parses
 * only behind package-private methods, so they are read here with glibc's rules (resolv.conf(5)): {@code domain}
 * and {@code search} replace each other, the last one wins; {@code ndots} is capped at 15 and defaults to 1. A
 * missing or unreadable file, or one without name servers, means 127.0.0.1 and no search list, as c-ares falls back.
 *
 * @param servers the name servers, in the file's order
 * @param searchDomains the domains tried after (or before) a name, without trailing dots
 * @param ndots how many dots make a name worth trying as it is before the search list
 */
record ResolvConf(List<InetSocketAddress> servers, List<String> searchDomains, int ndots) {
    private static final int DNS_PORT = 53;
    private static final int MAX_NDOTS = 15;

    /** Reads {@code file}; it blocks on the file system, which is local and small. */
    static ResolvConf read(Path file) {
        List<String[]> lines = lines(file);
        return new ResolvConf(servers(file), searchDomains(lines), ndots(lines));
    }

    /**
     * The names to ask for {@code name}, in order, as c-ares's {@code ares_search} and glibc's {@code res_search}
     * make them: a trailing dot means the name is absolute and asked alone; a name with at least {@code ndots} dots
     * is asked as it is first, then with each search domain; one with fewer dots with the search domains first.
     */
    List<String> candidates(String name) {
        if (name.endsWith(".") || searchDomains.isEmpty()) {
            return List.of(name);
        }
        long dots = name.chars().filter(c -> c == '.').count();
        List<String> out = new ArrayList<>(searchDomains.size() + 1);
        if (dots >= ndots) {
            out.add(name);
        }
        for (String domain : searchDomains) {
            out.add(name + "." + domain);
        }
        if (dots < ndots) {
            out.add(name);
        }
        return List.copyOf(out);
    }

    private static List<InetSocketAddress> servers(Path file) {
        List<InetSocketAddress> found = new ArrayList<>();
        try {
            DnsServerAddressStream stream = new UnixResolverDnsServerAddressStreamProvider(file.toFile())
                    .nameServerAddressStream("");
            for (int i = stream.size(); i > 0; i--) {
                InetSocketAddress server = stream.next();
                if (!server.isUnresolved()) {
                    // an IPv6 server scoped to an interface this machine lacks cannot be asked
                    found.add(server);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // A missing file, or one naming no server, means the fallback below, as c-ares does.
        }
        if (found.isEmpty()) {
            found.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), DNS_PORT));
        }
        return List.copyOf(found);
    }

    /** The search list of the last {@code domain} or {@code search} line; none without one. */
    private static List<String> searchDomains(List<String[]> lines) {
        List<String> domains = List.of();
        for (String[] words : lines) {
            if ((words[0].equals("domain") || words[0].equals("search")) && words.length >= 2) {
                List<String> named = List.of(words).subList(1, words[0].equals("domain") ? 2 : words.length);
                domains = new ArrayList<>(named.size());
                for (String w : named) {
                    if (w.startsWith("#") || w.startsWith(";")) {
                        break;
                    }
                    String domain = w.endsWith(".") ? w.substring(0, w.length() - 1) : w;
                    if (!domain.isEmpty()) {
                        // the root ("search ." from systemd-resolved) adds no candidate
                        domains.add(domain);
                    }
                }
            }
        }
        return List.copyOf(domains);
    }

    /** The last {@code ndots:n} of the {@code options} lines, capped at 15; 1 without one. */
    private static int ndots(List<String[]> lines) {
        int ndots = 1;
        for (String[] words : lines) {
            if (words[0].equals("options")) {
                for (int i = 1; i < words.length; i++) {
                    if (words[i].startsWith("ndots:")) {
                        try {
                            ndots = Math.min(MAX_NDOTS, Math.max(0, Integer.parseInt(words[i].substring(6))));
                        } catch (NumberFormatException e) {
                            // glibc ignores a malformed option and keeps what it had
                        }
                    }
                }
            }
        }
        return ndots;
    }

    /** The file's lines split into words, without blank lines and comments; none when it cannot be read. */
    private static List<String[]> lines(Path file) {
        List<String[]> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.trim();
                if (!trimmed.isEmpty() && trimmed.charAt(0) != '#' && trimmed.charAt(0) != ';') {
                    out.add(trimmed.split("\\s+"));
                }
            }
        } catch (IOException e) {
            // as for a missing file: no search list, default ndots
        }
        return out;
    }
}
