package dev.stardust.process;

import dev.stardust.EventEmitter;
import dev.stardust.Loop;
import dev.stardust.Promise;
import dev.stardust.Timers;

/** A program run in a child JVM by {@link ExitStatusTest}: each case ends the way its name says. */
public final class ExitStatusChild {
    private ExitStatusChild() {
    }

    public static void main(String[] args) {
        String scenario = args[0];
        Loop.run(() -> {
            switch (scenario) {
                case "ends-normally" -> Timers.setTimeout(() -> System.out.println("timer ran"), 1);
                case "throws-in-main" -> throw new IllegalStateException("thrown by main");
                case "throws-in-timer" -> {
                    Timers.setTimeout(() -> {
                        throw new IllegalStateException("thrown by a timer");
                    }, 1);
                    // The error ends the program at once: this timer does not keep it alive.
                    Timers.setTimeout(() -> System.out.println("late timer ran"), 60_000);
                }
                case "unheard-error-event" -> new EventEmitter().emit("error", new IllegalStateException("nobody heard"));
                case "unhandled-rejection" -> Promise.rejected(new IllegalStateException("nobody handled"));
                case "exit-code" -> {
                    Process.current().exitCode(2);
                    Timers.setTimeout(() -> System.out.println("still ran to the end"), 1);
                }
                case "uncaught-exception-listener" -> {
                    Process.current().on("uncaughtException", (Throwable e) -> System.out.println("caught: "
                            + e.getMessage()));
                    Timers.setTimeout(() -> {
                        throw new IllegalStateException("thrown by a timer");
                    }, 1);
                    Timers.setTimeout(() -> System.out.println("went on"), 20);
                }
                case "unhandled-rejection-listener" -> {
                    Process.current().on("unhandledRejection", (Throwable e) -> System.out.println("rejection: "
                            + e.getMessage()));
                    Promise.rejected(new IllegalStateException("nobody handled"));
                }
                case "listener-throws" -> {
                    Process.current().on("uncaughtException", (Throwable e) -> {
                        throw new IllegalStateException("the listener failed too");
                    });
                    throw new IllegalStateException("first failure");
                }
                default -> throw new IllegalArgumentException(scenario);
            }
        });
        System.out.println("Loop.run returned");
    }
}
