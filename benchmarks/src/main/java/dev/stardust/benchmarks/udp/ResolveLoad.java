package dev.stardust.benchmarks.udp;

import dev.stardust.Loop;
import dev.stardust.Timers;
import dev.stardust.dns.resolver.Resolver;
import dev.stardust.dns.resolver.ResolverOptions;
import java.util.List;

/**
 * {@code ResolveLoad SERVER NAME SECONDS CONCURRENCY}: keeps CONCURRENCY {@code resolve4(NAME)} queries in flight
 * against SERVER (cache off, so each one reaches the server) for SECONDS after a 2-second warm-up, and prints
 * resolves per second.
 */
public final class ResolveLoad {

    private ResolveLoad() {
    }

    public static void main(String[] args) {
        String server = args[0];
        String name = args[1];
        int seconds = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        long[] done = new long[1];
        long[] startCount = new long[1];
        boolean[] running = {true};
        Loop.run(() -> {
            Resolver resolver = new Resolver(ResolverOptions.defaults().withCache(false)).setServers(List.of(server));
            Runnable[] next = new Runnable[1];
            next[0] = () -> resolver.resolve4(name).onComplete((v, e) -> {
                if (e != null) {
                    System.err.println(e);
                }
                done[0]++;
                if (running[0]) {
                    next[0].run();
                }
            });
            for (int i = 0; i < concurrency; i++) {
                next[0].run();
            }
            Timers.setTimeout(() -> startCount[0] = done[0], 2_000);
            Timers.setTimeout(() -> {
                System.out.printf("%d%n", (done[0] - startCount[0]) / seconds);
                running[0] = false;
            }, 2_000 + seconds * 1_000L);
        });
    }
}
