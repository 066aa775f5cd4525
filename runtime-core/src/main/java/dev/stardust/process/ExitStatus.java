package dev.stardust.process;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * How a child ended, the {@code (code, signal)} pair of node's {@code exit} and {@code close} events: either an
 * exit code or the name of the signal that killed it ({@code "SIGTERM"}).
 */
public final class ExitStatus {
    private final int code;
    private final @Nullable String signal;

    private ExitStatus(int code, @Nullable String signal) {
        this.code = code;
        this.signal = signal;
    }

    /** A child that exited with {@code code}. */
    public static ExitStatus exited(int code) {
        return new ExitStatus(code, null);
    }

    /** A child killed by {@code signal}, e.g. {@code "SIGKILL"}. */
    public static ExitStatus signaled(String signal) {
        return new ExitStatus(-1, signal);
    }

    /** The exit code, empty when a signal ended the child. */
    public OptionalInt code() {
        return signal == null ? OptionalInt.of(code) : OptionalInt.empty();
    }

    /** The signal that ended the child, empty when it exited. */
    public Optional<String> signal() {
        return Optional.ofNullable(signal);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExitStatus other && other.code == code && Objects.equals(other.signal, signal);
    }

    @Override
    public int hashCode() {
        return signal == null ? code : signal.hashCode();
    }

    @Override
    public String toString() {
        return signal == null ? "exited(" + code + ")" : "signaled(" + signal + ")";
    }
}
