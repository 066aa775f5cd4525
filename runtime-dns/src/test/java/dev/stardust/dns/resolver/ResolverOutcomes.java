package dev.stardust.dns.resolver;

import dev.stardust.LoopOptions;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.testing.LoopTester;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** Resolver calls on a {@link LoopTester} loop of their own, each outcome told as text: the value, or the error code. */
final class ResolverOutcomes {
    /** Long enough for a resolver that retries and falls back over TCP. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private ResolverOutcomes() {
    }

    /** The outcome of {@code call} on a resolver with {@code options} asking {@code server}; it completes once. */
    static String outcome(ResolverOptions options, String server, Function<Resolver, Promise<?>> call) {
        AtomicReference<String> result = new AtomicReference<>();
        LoopTester.run(LoopOptions.defaults(), TIMEOUT, t -> {
            Resolver resolver = new Resolver(options).setServers(List.of(server));
            call.apply(resolver).onComplete(t.expect((Object v, Throwable e) -> result.set(describe(v, e))));
        });
        return result.get();
    }

    /** The servers a resolver made with {@code options} asks, told as an outcome. */
    static String servers(ResolverOptions options) {
        AtomicReference<String> result = new AtomicReference<>();
        LoopTester.run(LoopOptions.defaults(), TIMEOUT, t -> result.set(describe(new Resolver(options).servers(), null)));
        return result.get();
    }

    /** {@code "ok " + value}, or the error's node code. */
    static String describe(Object value, Throwable error) {
        if (error == null) {
            return "ok " + value;
        }
        return error instanceof StardustException se ? se.code() : "unexpected " + error;
    }
}
