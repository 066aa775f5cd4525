package dev.stardust.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/** The examples launcher: runs the example named by the first argument, or lists them all. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            printList(all());
            return;
        }
        Example example = byConvention(args[0]);
        if (example == null) {
            for (Example e : all()) {
                if (e.name().equals(args[0])) {
                    example = e;
                }
            }
        }
        if (example == null) {
            System.err.println("unknown example '" + args[0] + "'");
            printList(all());
            System.exit(2);
            return;
        }
        int status = example.run(Arrays.copyOfRange(args, 1, args.length));
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * The example named {@code name} found by its class name ({@code http-client} is {@code HttpClientExample}),
     * without loading the others: instantiating every listed example loaded and verified ~20 classes and the
     * stream machinery, about 40 ms of a 300 ms start. Null when no such class is an example of that name.
     */
    private static @Nullable Example byConvention(String name) {
        StringBuilder className = new StringBuilder(Main.class.getPackageName()).append('.');
        for (String part : name.split("-")) {
            if (part.isEmpty()) {
                return null;
            }
            className.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        }
        try {
            Class<?> type = Class.forName(className.append("Example").toString());
            if (!Example.class.isAssignableFrom(type)) {
                return null;
            }
            Example example = (Example) type.getDeclaredConstructor().newInstance();
            return example.name().equals(name) ? example : null;
        } catch (ReflectiveOperationException | LinkageError notThere) {
            return null;
        }
    }

    private static List<Example> all() {
        List<Example> examples = new ArrayList<>();
        for (Example e : ServiceLoader.load(Example.class)) {
            examples.add(e);
        }
        examples.sort(Comparator.comparing(Example::name));
        return examples;
    }

    private static void printList(List<Example> examples) {
        System.out.println("usage: java -jar examples/target/stardust-examples.jar NAME [ARGS...]");
        System.out.println();
        for (Example example : examples) {
            System.out.printf("  %-14s %s%n", example.name(), example.description());
        }
    }
}
