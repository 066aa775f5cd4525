package dev.stardust.websocket;

import dev.stardust.EventEmitter;
import dev.stardust.Promise;
import dev.stardust.StardustException;
import dev.stardust.http.Http;
import dev.stardust.http.HttpServer;
import dev.stardust.http.Upgrade;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.RealLoop;
import dev.stardust.websocket.internal.RealWebSocket;
import dev.stardust.websocket.internal.ServerHandshake;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * node's {@code ws} {@code WebSocketServer}: accepts WebSocket handshakes arriving on an {@link HttpServer}'s
 * {@code upgrade} event ({@link #attach}) or on a server of its own ({@link #create} and {@link #listen}), and emits
 * each accepted connection as {@code connection} (a {@link WebSocket}). Handshakes for another path than
 * {@link WebSocketOptions#path()} are left to the HTTP server's other {@code upgrade} listeners, or refused with
 * {@code 400} when there is none; {@link WebSocketOptions#withHandshake} decides on the others. Events:
 * {@code connection}, {@code close}. Loop thread only.
 */
public final class WebSocketServer extends EventEmitter {
    private final RealLoop loop;
    private final HttpServer http;
    private final boolean own;
    private final WebSocketOptions options;
    private final Set<WebSocket> clients = new LinkedHashSet<>();
    private final Consumer<Upgrade> onUpgrade = this::upgrade;
    private LoopPromise<Void> closed;
    private boolean closing;

    private WebSocketServer(HttpServer http, boolean own, WebSocketOptions options) {
        this.loop = RealLoop.current();
        this.http = http;
        this.own = own;
        this.options = options;
        this.closed = new LoopPromise<>(loop);
        http.onUpgrade(onUpgrade);
    }

    /**
     * Accepts WebSocket handshakes on {@code server}, which keeps serving HTTP (node's
     * {@code new WebSocketServer({ server })}).
     */
    public static WebSocketServer attach(HttpServer server, WebSocketOptions options) {
        return new WebSocketServer(server, false, options);
    }

    /** As {@link #attach(HttpServer, WebSocketOptions)} with the default options. */
    public static WebSocketServer attach(HttpServer server) {
        return attach(server, WebSocketOptions.defaults());
    }

    /**
     * A server of its own, which answers plain HTTP requests with {@code 426 Upgrade Required}; start it with
     * {@link #listen} (node's {@code new WebSocketServer({ port })}).
     */
    public static WebSocketServer create(WebSocketOptions options) {
        HttpServer http = Http.createServer((req, res) -> {
            res.statusCode(426);
            res.setHeader("Content-Type", "text/plain");
            res.end("Upgrade Required\n");
        });
        return new WebSocketServer(http, true, options);
    }

    /** Adds a listener for each accepted connection (node's {@code wss.on('connection', ws => ...)}). */
    public WebSocketServer onConnection(Consumer<WebSocket> listener) {
        on("connection", listener);
        return this;
    }

    /** Adds a listener for {@code close}: closed, and every connection gone (node's {@code wss.on('close')}). */
    public WebSocketServer onClose(Runnable listener) {
        onNoValue("close", listener, false);
        return this;
    }

    /**
     * Starts the server of its own listening on {@code port} (0: any) of {@code host} (every interface when empty).
     *
     * @throws StardustException {@code ERR_INVALID_STATE} on a server attached to someone's {@code HttpServer}
     */
    public Promise<WebSocketServer> listen(int port, String host) {
        if (!own) {
            throw new StardustException("ERR_INVALID_STATE", "an attached WebSocketServer listens with its HttpServer");
        }
        return http.listen(port, host).map(s -> this);
    }

    /** The HTTP server the handshakes arrive on. */
    public HttpServer httpServer() {
        return http;
    }

    /** The open connections (node's {@code wss.clients}), as a read-only view. */
    public Set<WebSocket> clients() {
        return Collections.unmodifiableSet(clients);
    }

    /**
     * Stops accepting handshakes, closes every connection with {@code 1001} (going away) and, for a server of its
     * own, the HTTP server; the promise completes, after {@code close}, once all of them are closed (node's
     * {@code wss.close()}, which also closes the clients since ws 8 only when asked). A second call returns the same
     * promise.
     */
    public Promise<Void> close() {
        loop.checkThread();
        if (closing) {
            return closed;
        }
        closing = true;
        http.off("upgrade", onUpgrade);
        List<Promise<Void>> all = new ArrayList<>();
        for (WebSocket ws : List.copyOf(clients)) {
            all.add(ws.readyState() == WebSocket.ReadyState.OPEN ? ws.close(1001, "server closing") : ws.close());
        }
        if (own) {
            all.add(http.close());
        }
        Promise.allSettled(all).onComplete((v, e) -> {
            emit("close");
            closed.resolve(null);
        });
        return closed;
    }

    private void upgrade(Upgrade upgrade) {
        boolean path = options.path().map(p -> p.equals(upgrade.request().path())).orElse(true);
        if (!path || !ServerHandshake.wantsWebSocket(upgrade.request())) {
            if (http.listenerCount("upgrade") == 1) {
                // Nobody else speaks another protocol here: refuse as a plain server would.
                upgrade.socket().end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
            }
            return;
        }
        ServerHandshake.start(loop, upgrade, options, this::connected);
    }

    private void connected(RealWebSocket ws) {
        if (closing) {
            ws.close(1001, "server closing");
            return;
        }
        clients.add(ws);
        ws.onClose(e -> clients.remove(ws));
        emit("connection", ws);
    }

    @Override
    public String toString() {
        return "WebSocketServer[" + clients.size() + " clients" + (closing ? ", closed" : "") + "]";
    }
}
