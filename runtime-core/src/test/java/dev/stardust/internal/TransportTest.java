package dev.stardust.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Loop;
import dev.stardust.LoopOptions;
import dev.stardust.Timers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Which transport a loop gets: io_uring only when named, the best automatic one otherwise, a clear error if absent. */
class TransportTest {

    @Test
    void theAutomaticChoiceNeverPicksIoUring() {
        Transport chosen = Transport.select("");
        assertTrue(chosen.automatic(), chosen.displayName());
        assertNotEquals(Transport.IO_URING, chosen);
    }

    @Test
    void namesAreCaseInsensitiveAndUnknownOnesListTheChoices() {
        assertSame(Transport.IO_URING, Transport.byName("io_uring"));
        assertSame(Transport.IO_URING, Transport.byName("IO_URING"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Transport.byName("uring"));
        assertTrue(e.getMessage().contains("io_uring"), e.getMessage());
    }

    @Test
    void ioUringIsListedWheneverItIsAvailableSoThatNetworkTestsRunOnIt() {
        assertEquals(Transport.IO_URING.isAvailable(), Transport.available().contains(Transport.IO_URING));
        assertEquals(Transport.IO_URING.isAvailable(), Transport.IO_URING.unavailabilityCause() == null);
    }

    @Test
    void aLoopAskedForIoUringRunsOnItOrFailsWithTheCause() {
        if (!Transport.IO_URING.isAvailable()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Transport.select("io_uring"));
            assertSame(Transport.IO_URING.unavailabilityCause(), e.getCause());
            return;
        }
        AtomicReference<String> seen = new AtomicReference<>();
        Loop.run(LoopOptions.defaults().withTransport("io_uring"),
                () -> Timers.setTimeout(() -> seen.set(Loop.current().transport()), 1));
        assertEquals("io_uring", seen.get());
    }

    /** In a JVM whose native transports are switched off, asking for io_uring names the transport and the reason. */
    @Test
    void anUnavailableIoUringFailsTheLoopWithTheReason() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Dio.netty.transport.noNative=true",
                "-cp", System.getProperty("java.class.path"), AskForIoUring.class.getName()))
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("transport 'io_uring' is not available on this machine: ")
                && out.contains("noNative"), out);
    }

    /** The child of {@link #anUnavailableIoUringFailsTheLoopWithTheReason()}: prints what a loop on io_uring says. */
    static final class AskForIoUring {
        public static void main(String[] args) throws IOException {
            try {
                Loop.run(LoopOptions.defaults().withTransport("io_uring"), () -> { });
                System.out.println("ran on io_uring");
            } catch (IllegalStateException e) {
                assertNotNull(e.getCause());
                System.out.println(e.getMessage());
            }
        }
    }
}
