package dev.stardust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.testing.LoopTester;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** node's EventEmitter semantics, on a loop and standalone. */
class EventEmitterTest {

    @Test
    void listenersRunInOrderWithPrependAndOnce() {
        List<String> log = new ArrayList<>();
        LoopTester.run(t -> {
            EventEmitter e = new EventEmitter();
            e.on("x", (String v) -> log.add("on1 " + v));
            e.once("x", (String v) -> log.add("once " + v));
            e.on("x", ignored -> log.add("on2"));
            e.prependListener("x", (String v) -> log.add("first " + v));
            assertTrue(e.emit("x", "a"));
            assertTrue(e.emit("x", "b"));
            assertFalse(e.emit("nobody"));
        });
        assertEquals(List.of("first a", "on1 a", "once a", "on2", "first b", "on1 b", "on2"), log);
    }

    @Test
    void offRemovesTheLatestRegistrationAndCountsFollow() {
        LoopTester.run(t -> {
            EventEmitter e = new EventEmitter();
            Consumer<Object> a = v -> { };
            Consumer<Object> b = v -> { };
            e.on("x", a).on("x", a).on("x", b).on("y", a);
            assertEquals(3, e.listenerCount("x"));
            assertEquals(Set.of("x", "y"), e.eventNames());
            e.off("x", a);
            assertEquals(2, e.listenerCount("x"));
            e.off("x", (Consumer<Object>) v -> { }); // not registered: no-op
            assertEquals(2, e.listenerCount("x"));
            e.removeAllListeners("x");
            assertEquals(0, e.listenerCount("x"));
            assertEquals(List.of("y"), List.copyOf(e.eventNames()));
            e.removeAllListeners();
            assertEquals(Set.of(), e.eventNames());
            assertFalse(e.emit("y"));
        });
    }

    @Test
    void offDuringEmitAffectsOnlyLaterEmits() {
        List<String> log = new ArrayList<>();
        LoopTester.run(t -> {
            EventEmitter e = new EventEmitter();
            Consumer<Object> second = v -> log.add("second");
            e.on("x", ignored -> {
                log.add("first");
                e.off("x", second);
            });
            e.on("x", second);
            e.emit("x");
            e.emit("x");
        });
        // As in node: the emit in progress uses the listeners it started with.
        assertEquals(List.of("first", "second", "first"), log);
    }

    @Test
    void anErrorEventWithoutListenerGoesToTheUncaughtHandler() {
        RuntimeException cause = new RuntimeException("cause");
        LoopTester tester = LoopTester.run(t -> {
            t.expectUncaught(2);
            EventEmitter e = new EventEmitter();
            assertFalse(e.emit("error", cause));
            e.emit("error", "not a throwable");
            e.on("error", t.expect((Throwable err) -> assertSame(cause, err)));
            assertTrue(e.emit("error", cause));
        });
        assertSame(cause, tester.uncaught().get(0));
        assertEquals("ERR_UNHANDLED_ERROR", ((StardustException) tester.uncaught().get(1)).code());
    }

    @Test
    void aListenerThatThrowsGoesToTheHandlerAndTheOthersStillRun() {
        LoopTester tester = LoopTester.run(t -> {
            t.expectUncaught(1);
            EventEmitter e = new EventEmitter();
            e.on("x", t.expect((Object v) -> { }));
            e.on("x", ignored -> {
                throw new IllegalStateException("listener bug");
            });
            e.on("x", t.expect((Object v) -> { }));
            assertTrue(e.emit("x"));
        });
        assertEquals("listener bug", tester.uncaught().get(0).getMessage());
    }

    @Test
    void aStandaloneEmitterRethrows() {
        EventEmitter e = new EventEmitter();
        List<String> log = new ArrayList<>();
        e.on("x", ignored -> {
            throw new IllegalStateException("first");
        });
        e.on("x", ignored -> log.add("still ran"));
        assertEquals("first", assertThrows(IllegalStateException.class, () -> e.emit("x")).getMessage());
        assertEquals(List.of("still ran"), log);
        RuntimeException cause = new RuntimeException("unheard");
        assertSame(cause, assertThrows(RuntimeException.class, () -> e.emit("error", cause)));
    }

    @Test
    void theMaxListenersWarningIsPrintedOncePerEvent() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EventEmitter e = new EventEmitter();
            assertEquals(EventEmitter.DEFAULT_MAX_LISTENERS, e.maxListeners());
            for (int i = 0; i < 15; i++) {
                e.on("data", ignored -> { });
            }
            e.setMaxListeners(0);
            for (int i = 0; i < 15; i++) {
                e.on("end", ignored -> { });
            }
        } finally {
            System.setErr(original);
        }
        String err = captured.toString(StandardCharsets.UTF_8);
        assertEquals(1, err.split("possible listener leak", -1).length - 1, err);
        assertTrue(err.contains("11 listeners for 'data'"), err);
    }

    @Test
    void aOnceListenerEmittingTheSameEventRunsOnlyOnce() {
        LoopTester.run(t -> {
            EventEmitter e = new EventEmitter();
            e.once("x", t.expect((Object v) -> e.emit("x")));
            e.emit("x");
        });
    }

    @Test
    void methodReferencesAndTypedLambdasCompileAsListeners() {
        List<Object> heard = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EventEmitter e = new EventEmitter();
            e.on("data", System.out::println);
            e.on("data", heard::add);
            e.on("data", (String name) -> lengths.add(name.length()));
            e.<String>once("data", name -> lengths.add(name.length() * 10));
            e.emit("data", "stardust");
        } finally {
            System.setOut(original);
        }
        assertEquals("stardust" + System.lineSeparator(), captured.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("stardust"), heard);
        assertEquals(List.of(8, 80), lengths);
    }
}
