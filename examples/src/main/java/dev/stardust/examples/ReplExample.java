package dev.stardust.examples;

import dev.stardust.Loop;
import java.io.InputStream;
import java.io.PrintStream;
import jdk.jshell.tool.JavaShellToolBuilder;
import org.jspecify.annotations.Nullable;

/**
 * {@code repl}: luvit's greeting, an interactive Java prompt on the JDK's jshell with Stardust on its class path
 * and a loop running in the background as the variable {@code loop}. Every snippet runs on that loop's thread
 * (see {@link LoopExecutionProvider}), so {@code Http.createServer(...)} or {@code Timers.setInterval(...)} typed
 * at the prompt works at once, and its callbacks print while the prompt waits. History and tab completion are
 * jshell's.
 */
public final class ReplExample implements Example {
    private static final String STARTUP = String.join("\n",
            "import dev.stardust.*;",
            "import dev.stardust.stream.*;",
            "import dev.stardust.net.*;",
            "import dev.stardust.http.*;",
            "import dev.stardust.json.*;",
            "import dev.stardust.fs.*;",
            "import dev.stardust.process.*;",
            "import java.util.*;",
            "Loop loop = Loop.current();");
    private static @Nullable Loop loop;

    @Override
    public String name() {
        return "repl";
    }

    @Override
    public String description() {
        return "an interactive Java prompt (jshell) with a Stardust loop running behind it: try"
                + " Timers.setTimeout(() -> System.out.println(\"hi\"), 500)";
    }

    @Override
    public int run(String[] args) throws Exception {
        return run(System.in, System.out, System.err, System.console() != null);
    }

    /**
     * Runs the prompt on the given streams until {@code /exit} or the end of input, with jshell's line editing,
     * history and completion when {@code terminal}; closes the loop after.
     */
    static int run(InputStream in, PrintStream out, PrintStream err, boolean terminal) throws Exception {
        Loop background = loop();
        try {
            out.println("Stardust REPL: snippets run on loop '" + background.name() + "'; /exit to leave.");
            return JavaShellToolBuilder.builder().in(in, null).out(out, out, err).interactiveTerminal(terminal)
                    .persistence(new java.util.HashMap<>())
                    .start("--execution", LoopExecutionProvider.NAME, "--class-path",
                            System.getProperty("java.class.path"), "--startup", startupFile(), "--feedback",
                            "concise");
        } finally {
            close();
        }
    }

    private static String startupFile() throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("stardust-repl", ".jsh");
        file.toFile().deleteOnExit();
        java.nio.file.Files.writeString(file, STARTUP + "\n");
        return file.toString();
    }

    /** The REPL's background loop, started on first use. */
    static synchronized Loop loop() {
        Loop l = loop;
        if (l == null) {
            l = Loop.start(dev.stardust.LoopOptions.defaults().withName("repl"));
            loop = l;
        }
        return l;
    }

    private static synchronized void close() {
        Loop l = loop;
        loop = null;
        if (l != null) {
            l.close(java.time.Duration.ofSeconds(1)).join();
        }
    }
}
