package dev.stardust.net;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stardust.Loop;
import dev.stardust.LoopOptions;
import dev.stardust.internal.Transport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Runs a test body on a fresh loop over a given transport, failing on anything that reaches the uncaught handler. */
final class NetTesting {
    private NetTesting() {
    }

    /** Every transport this machine has: each network test runs once per transport, as Netty's test suite. */
    static Stream<String> transports() {
        return Transport.available().stream().map(Transport::displayName);
    }

    /** The transports that support Unix domain sockets. */
    static Stream<String> domainSocketTransports() {
        return Transport.available().stream().filter(Transport::supportsDomainSockets).map(Transport::displayName);
    }

    /** Runs {@code main} on a loop over {@code transport} until the loop is empty, within {@code seconds}. */
    static void run(String transport, int seconds, Runnable main) {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(seconds), () -> {
            Loop[] loop = new Loop[1];
            LoopOptions options = LoopOptions.defaults().withTransport(transport).withUncaughtExceptionHandler(e -> {
                uncaught.add(e);
                loop[0].close(Duration.ZERO);
            });
            Loop.run(options, () -> {
                loop[0] = Loop.current();
                main.run();
            });
        }, () -> "the loop did not finish; uncaught: " + uncaught);
        if (!uncaught.isEmpty()) {
            AssertionError failure = new AssertionError("uncaught on the loop: " + uncaught.get(0), uncaught.get(0));
            uncaught.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            fail(message);
        }
    }
}
