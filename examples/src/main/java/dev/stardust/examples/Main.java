package dev.stardust.examples;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The examples launcher: runs the example named by the first argument, or lists them all. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        List<Example> examples = ServiceLoader.load(Example.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(Example::name))
                .collect(Collectors.toList());
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            printList(examples);
            return;
        }
        for (Example example : examples) {
            if (example.name().equals(args[0])) {
                int status = example.run(Arrays.copyOfRange(args, 1, args.length));
                if (status != 0) {
                    System.exit(status);
                }
                return;
            }
        }
        System.err.println("unknown example '" + args[0] + "'");
        printList(examples);
        System.exit(2);
    }

    private static void printList(List<Example> examples) {
        System.out.println("usage: java -jar examples/target/stardust-examples.jar NAME [ARGS...]");
        System.out.println();
        for (Example example : examples) {
            System.out.printf("  %-14s %s%n", example.name(), example.description());
        }
    }
}
