package dev.stardust.examples;

/**
 * One runnable example of the launcher: {@code java -jar stardust-examples.jar NAME [ARGS...]}. Implementations
 * are listed in {@code META-INF/services/dev.stardust.examples.Example}, one line each.
 */
public interface Example {

    /** The name users type, e.g. {@code hello}. */
    String name();

    /** One line for the launcher's list: what it does and its arguments. */
    String description();

    /** Runs the example with the arguments after its name; returns the process exit status. */
    int run(String[] args) throws Exception;
}
