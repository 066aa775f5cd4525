package dev.stardust.process;

import dev.stardust.StardustException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The POSIX signals node names, with their Linux numbers (node's {@code os.constants.signals}). */
public final class Signals {
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("SIGHUP", 1), Map.entry("SIGINT", 2), Map.entry("SIGQUIT", 3), Map.entry("SIGILL", 4),
            Map.entry("SIGTRAP", 5), Map.entry("SIGABRT", 6), Map.entry("SIGBUS", 7), Map.entry("SIGFPE", 8),
            Map.entry("SIGKILL", 9), Map.entry("SIGUSR1", 10), Map.entry("SIGSEGV", 11), Map.entry("SIGUSR2", 12),
            Map.entry("SIGPIPE", 13), Map.entry("SIGALRM", 14), Map.entry("SIGTERM", 15), Map.entry("SIGCHLD", 17),
            Map.entry("SIGCONT", 18), Map.entry("SIGSTOP", 19), Map.entry("SIGTSTP", 20), Map.entry("SIGTTIN", 21),
            Map.entry("SIGTTOU", 22), Map.entry("SIGURG", 23), Map.entry("SIGXCPU", 24), Map.entry("SIGXFSZ", 25),
            Map.entry("SIGVTALRM", 26), Map.entry("SIGPROF", 27), Map.entry("SIGWINCH", 28), Map.entry("SIGIO", 29),
            Map.entry("SIGPWR", 30), Map.entry("SIGSYS", 31));

    private Signals() {
    }

    /**
     * The canonical name of a signal given as {@code "SIGTERM"}, {@code "TERM"} or {@code "term"}.
     *
     * @throws StardustException {@code ERR_UNKNOWN_SIGNAL} for a name node does not know
     */
    public static String normalize(String signal) {
        String name = signal.toUpperCase(Locale.ROOT);
        if (!name.startsWith("SIG")) {
            name = "SIG" + name;
        }
        if (!NUMBERS.containsKey(name)) {
            throw new StardustException("ERR_UNKNOWN_SIGNAL", "Unknown signal: " + signal);
        }
        return name;
    }

    /** The Linux number of a signal, e.g. 15 for {@code SIGTERM}. */
    public static int number(String signal) {
        return NUMBERS.get(normalize(signal));
    }

    /** The name of signal {@code number}, if it is one node knows. */
    public static Optional<String> name(int number) {
        return NUMBERS.entrySet().stream().filter(e -> e.getValue() == number).map(Map.Entry::getKey).findFirst();
    }
}
