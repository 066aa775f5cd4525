package dev.stardust.dns.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stardust.Loop;
import dev.stardust.LoopOptions;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** Runs resolver calls on a loop of their own and reports each outcome as text: the value, or the error code. */
final class ResolverHarness {

    private ResolverHarness() {
    }

    /** The outcome of {@code call} on a resolver with {@code options} asking {@code server}. */
    static String outcome(ResolverOptions options, String server, Function<Resolver, Promise<?>> call) {
        AtomicReference<String> result = new AtomicReference<>("never completed");
        run(() -> {
            Resolver resolver = new Resolver(options).setServers(List.of(server));
            call.apply(resolver).onComplete((v, e) -> result.set(describe(v, e)));
        });
        return result.get();
    }

    static String describe(Object value, Throwable error) {
        if (error == null) {
            return "ok " + value;
        }
        return error instanceof StardustException se ? se.code() : "unexpected " + error;
    }

    /** Runs {@code main} on a new loop until it is empty; fails on anything uncaught, and after 20 seconds. */
    static void run(Runnable main) {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Loop.run(
                LoopOptions.defaults().withUncaughtExceptionHandler(uncaught::add), main));
        assertEquals(List.of(), uncaught);
    }
}
