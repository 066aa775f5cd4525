package dev.stardust.examples;

import dev.stardust.Loop;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * jshell's execution engine {@code stardust}: snippets run in this JVM (as jshell's {@code local} engine) but on the
 * {@link ReplExample}'s loop thread, so loop-bound APIs work from the prompt. Registered in
 * {@code META-INF/services/jdk.jshell.spi.ExecutionControlProvider}.
 */
public final class LoopExecutionProvider implements ExecutionControlProvider {
    /** The engine's name for jshell's {@code --execution} option. */
    static final String NAME = "stardust";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return new OnLoop(ReplExample.loop());
    }

    /** Runs each snippet's body on the loop thread and waits for it. */
    private static final class OnLoop extends DirectExecutionControl {
        private final Loop loop;

        OnLoop(Loop loop) {
            this.loop = loop;
        }

        @Override
        protected String invoke(Method doitMethod) throws Exception {
            try {
                return loop.submit(() -> OnLoop.super.invoke(doitMethod)).get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                throw e;
            }
        }
    }
}
