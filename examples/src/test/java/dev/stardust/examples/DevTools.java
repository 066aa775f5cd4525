package dev.stardust.examples;

import dev.stardust.json.Json;
import dev.stardust.testing.LoopTester;
import dev.stardust.websocket.WebSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Chrome DevTools Protocol client over a Stardust {@link WebSocket}, for tests that drive a headless Chromium's
 * pages: open a page, evaluate script in it, take a screenshot. Commands are JSON messages with an id, answered by
 * one with the same id; events (messages without an id) are ignored. Blocking calls, for the test thread; the
 * socket lives on the tester's loop.
 */
final class DevTools implements AutoCloseable {
    private static final long TIMEOUT_S = 30;

    private final LoopTester loop;
    private final WebSocket ws;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();

    private DevTools(LoopTester loop, WebSocket ws) {
        this.loop = loop;
        this.ws = ws;
    }

    /** Connects to the browser's DevTools URL on {@code loop}'s loop and waits for the socket to open. */
    static DevTools connect(LoopTester loop, String url) throws Exception {
        CompletableFuture<Void> open = new CompletableFuture<>();
        DevTools devTools = loop.call(() -> {
            WebSocket ws = WebSocket.connect(url);
            DevTools d = new DevTools(loop, ws);
            ws.onOpen(() -> open.complete(null));
            ws.onError(open::completeExceptionally);
            ws.onMessage(m -> d.answer(m.text()));
            return d;
        });
        open.get(TIMEOUT_S, TimeUnit.SECONDS);
        return devTools;
    }

    /** Opens {@code url} in a new page and attaches to it; returns the session id that {@link #call} takes. */
    String open(String url) throws Exception {
        Object target = call(null, "Target.createTarget", Map.of("url", url)).get("targetId");
        return (String) call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .get("sessionId");
    }

    /**
     * Evaluates {@code expression} in the page of {@code session}, awaiting it when it is a promise; returns its
     * value (JSON-like) or fails with the page's exception.
     */
    Object evaluate(String session, String expression) throws Exception {
        Map<String, Object> result = call(session, "Runtime.evaluate", Map.of("expression", expression,
                "awaitPromise", true, "returnByValue", true));
        if (result.containsKey("exceptionDetails")) {
            throw new AssertionError("the page threw: " + Json.stringify(result.get("exceptionDetails")));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) result.get("result");
        return value.get("value");
    }

    /** Sends command {@code method} (to a page's {@code session}, or to the browser when null) and waits for its result. */
    @SuppressWarnings("unchecked")
    Map<String, Object> call(String session, String method, Map<String, Object> params) throws Exception {
        long id = ids.incrementAndGet();
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("id", id);
        command.put("method", method);
        command.put("params", params);
        if (session != null) {
            command.put("sessionId", session);
        }
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        String json = Json.stringify(command);
        loop.execute(() -> ws.send(json));
        try {
            return answer.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer to " + method + " within " + TIMEOUT_S + " s");
        } catch (ExecutionException e) {
            throw new AssertionError(method + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @SuppressWarnings("unchecked")
    private void answer(String text) {
        Map<String, Object> message = (Map<String, Object>) Json.parse(text);
        Object id = message.get("id");
        CompletableFuture<Map<String, Object>> answer = id == null ? null : pending.remove((Long) id);
        if (answer == null) {
            return;
        }
        if (message.containsKey("error")) {
            answer.completeExceptionally(new IllegalStateException(Json.stringify(message.get("error"))));
        } else {
            answer.complete((Map<String, Object>) message.get("result"));
        }
    }

    /** Closes the DevTools connection (the browser stays until it is closed itself). */
    @Override
    public void close() {
        loop.await(() -> ws.close());
    }
}
