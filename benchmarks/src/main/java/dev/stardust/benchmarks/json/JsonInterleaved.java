package dev.stardust.benchmarks.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Several JSON implementations timed in one JVM, taking turns in short slices, for a machine so loaded that
 * separate runs differ by more than the code does: every implementation sees the same neighbours. Each slice's
 * thread CPU time and allocation are charged to its implementation; the report gives, per implementation, the
 * median and quartiles over the rounds of CPU µs per operation, and bytes per operation. An implementation is
 * {@code raw}, {@code databind}, {@code stardust} (this jar's) or {@code NAME=DIR}: another build of runtime-json's
 * classes in {@code DIR}, loaded child-first, e.g. {@code before=/tmp/json-67d8fb2/classes}. Usage:
 * {@code java -cp stardust-benchmarks.jar dev.stardust.benchmarks.json.JsonInterleaved parse SHAPE SIZE SECONDS
 * IMPL...} (op {@code parse} or {@code stringify}).
 */
public final class JsonInterleaved {
    private static volatile Object sink;

    private JsonInterleaved() {}

    public static void main(String[] args) throws Exception {
        String op = args[0];
        String shape = args[1];
        int size = Integer.parseInt(args[2]);
        double seconds = Double.parseDouble(args[3]);
        List<String> names = new ArrayList<>();
        List<Supplier<Object>> tasks = new ArrayList<>();
        byte[] document = JsonDocuments.of(shape, size);
        for (int i = 4; i < args.length; i++) {
            names.add(args[i].contains("=") ? args[i].substring(0, args[i].indexOf('=')) : args[i]);
            tasks.add(task(op, args[i], document));
        }
        long sliceNanos = Math.max(20_000_000L, Math.min(200_000_000L, size * 50L)); // a few dozen ops at least
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long warmEnd = System.nanoTime() + (long) (seconds * 1e9 / 3);
        while (System.nanoTime() < warmEnd) {
            for (Supplier<Object> t : tasks) {
                slice(t, sliceNanos);
            }
        }
        int n = tasks.size();
        List<double[]> perRound = new ArrayList<>();
        long[] ops = new long[n];
        long[] cpu = new long[n];
        long[] alloc = new long[n];
        long end = System.nanoTime() + (long) (seconds * 1e9);
        double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        for (int round = 0; System.nanoTime() < end; round++) {
            double[] usPerOp = new double[n];
            for (int k = 0; k < n; k++) {
                int i = (k + round) % n; // rotate who goes first
                long c0 = threads.getCurrentThreadCpuTime();
                long a0 = threads.getThreadAllocatedBytes(tid);
                long done = slice(tasks.get(i), sliceNanos);
                long c = threads.getCurrentThreadCpuTime() - c0;
                alloc[i] += threads.getThreadAllocatedBytes(tid) - a0;
                cpu[i] += c;
                ops[i] += done;
                usPerOp[i] = c / 1e3 / done;
            }
            perRound.add(usPerOp);
        }
        double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("%s %s %d: %d rounds, load average %.1f -> %.1f%n", op, shape, size, perRound.size(), load0,
                load1);
        for (int i = 0; i < n; i++) {
            double[] v = new double[perRound.size()];
            for (int r = 0; r < v.length; r++) {
                v[r] = perRound.get(r)[i];
            }
            Arrays.sort(v);
            System.out.printf("  %-10s cpu_us_per_op median %.2f (quartiles %.2f..%.2f) mean %.2f  alloc_B_per_op %d"
                    + "  ops %d%n", names.get(i), v[v.length / 2], v[v.length / 4], v[v.length * 3 / 4],
                    cpu[i] / 1e3 / ops[i], alloc[i] / ops[i], ops[i]);
        }
    }

    private static long slice(Supplier<Object> task, long nanos) {
        long end = System.nanoTime() + nanos;
        long ops = 0;
        do {
            sink = task.get();
            ops++;
        } while (System.nanoTime() < end);
        return ops;
    }

    private static Supplier<Object> task(String op, String impl, byte[] document) throws Exception {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(-1).build()).build();
        JsonMapper mapper = JsonMapper.builder(factory).build();
        Object tree = dev.stardust.json.Json.parse(document);
        if (impl.equals("raw") || impl.equals("databind")) {
            boolean raw = impl.equals("raw");
            if (op.equals("parse")) {
                return raw ? () -> JsonCpuTime.tokens(factory, document)
                        : () -> mapper.readValue(document, Object.class);
            }
            return raw ? () -> JsonCpuTime.generate(factory, tree, document.length)
                    : () -> mapper.writeValueAsString(tree);
        }
        ClassLoader loader = impl.contains("=") ? childFirst(Path.of(impl.substring(impl.indexOf('=') + 1)))
                : JsonInterleaved.class.getClassLoader();
        Class<?> json = Class.forName("dev.stardust.json.Json", true, loader);
        if (op.equals("parse")) {
            Method parse = json.getMethod("parse", byte[].class);
            return () -> invoke(parse, document);
        }
        Method stringify = json.getMethod("stringify", Object.class);
        Object own = json.getMethod("parse", byte[].class).invoke(null, (Object) document); // its own tree type
        return () -> invoke(stringify, own);
    }

    private static Object invoke(Method m, Object arg) {
        try {
            return m.invoke(null, arg);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads {@code dev.stardust.json} from {@code classes} first, everything else from this jar. */
    private static ClassLoader childFirst(Path classes) {
        try {
            return new URLClassLoader(new URL[] {classes.toUri().toURL()}, JsonInterleaved.class.getClassLoader()) {
                @Override
                protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                    if (!name.startsWith("dev.stardust.json.")) {
                        return super.loadClass(name, resolve);
                    }
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        if (c == null) {
                            c = findClass(name);
                        }
                        return c;
                    }
                }
            };
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
