package dev.stardust.process.internal;

import dev.stardust.StardustException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Catches POSIX signals for the whole JVM through {@code sun.misc.Signal} (module {@code jdk.unsupported}, reached
 * by reflection so that its absence is an error at use, not at load) and hands each to a delivery function, which
 * says whether any loop took it. A signal nobody takes gets the JVM's previous handler back and is raised again,
 * so an unheard {@code SIGHUP} still ends the process as it would have.
 */
public final class SignalDispatcher {
    private static final Map<String, Object> PREVIOUS = new ConcurrentHashMap<>();
    private static final @Nullable Throwable UNAVAILABLE;
    private static @Nullable Constructor<?> newSignal;
    private static @Nullable Method handle;
    private static @Nullable Method raise;
    private static @Nullable Class<?> handlerType;

    static {
        Throwable cause = null;
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            handlerType = Class.forName("sun.misc.SignalHandler");
            newSignal = signal.getConstructor(String.class);
            handle = signal.getMethod("handle", signal, handlerType);
            raise = signal.getMethod("raise", signal);
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            cause = e;
        }
        UNAVAILABLE = cause;
    }

    private SignalDispatcher() {
    }

    /**
     * Installs the JVM-wide handler for {@code signal} ({@code "SIGHUP"}) unless installed; {@code deliver} is
     * called on the JVM's signal thread and returns whether any listener took the signal.
     *
     * @throws StardustException {@code ERR_SIGNAL_UNSUPPORTED} when signals cannot be caught here or the JVM
     *         keeps this one for itself ({@code SIGKILL}, {@code SIGSTOP}, {@code SIGQUIT}...)
     */
    public static synchronized void install(String signal, Predicate<String> deliver) {
        if (PREVIOUS.containsKey(signal)) {
            return;
        }
        if (UNAVAILABLE != null || newSignal == null || handle == null || handlerType == null) {
            throw new StardustException("ERR_SIGNAL_UNSUPPORTED", "signals need sun.misc.Signal (module"
                    + " jdk.unsupported), which this JVM lacks", UNAVAILABLE);
        }
        try {
            Object sig = newSignal.newInstance(signal.substring(3));
            Object handler = Proxy.newProxyInstance(SignalDispatcher.class.getClassLoader(),
                    new Class<?>[] {handlerType}, (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            if (!deliver.test(signal)) {
                                passOn(signal, args[0]);
                            }
                            return null;
                        }
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "SignalDispatcher[" + signal + "]";
                        };
                    });
            PREVIOUS.put(signal, handle.invoke(null, sig, handler));
        } catch (InvocationTargetException e) {
            throw new StardustException("ERR_SIGNAL_UNSUPPORTED", "cannot catch " + signal + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new StardustException("ERR_SIGNAL_UNSUPPORTED", "cannot catch " + signal + ": " + e, e);
        }
    }

    private static synchronized void passOn(String signal, Object sig) {
        Object previous = PREVIOUS.remove(signal);
        if (previous == null || handle == null || raise == null) {
            return;
        }
        try {
            handle.invoke(null, sig, previous);
            raise.invoke(null, sig);
        } catch (ReflectiveOperationException e) {
            // The signal was ours to pass on and could not be: nothing better to do than ignore it.
        }
    }
}
