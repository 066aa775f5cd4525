package dev.stardust.http.internal;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.http.Agent;
import dev.stardust.http.ClientRequest;
import dev.stardust.http.Headers;
import dev.stardust.http.IncomingMessage;
import dev.stardust.http.RequestOptions;
import dev.stardust.internal.Errno;
import dev.stardust.internal.RealLoop;
import dev.stardust.stream.Writable;
import dev.stardust.tls.TlsOptions;
import dev.stardust.tls.internal.TlsErrors;
import dev.stardust.tls.internal.TlsLayer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A request in flight: waits for a connection from the pool (writes queue meanwhile), sends the head and body,
 * turns the reply into a {@link ClientResponse}, and gives the connection back only once the response was fully
 * received. Every failure is reported exactly once. A request that finds its reused connection closed before any
 * reply, and is idempotent with no streamed body, is sent once more on a new connection.
 */
public final class RealClientRequest extends ClientRequest {
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");

    private final RealLoop loop = RealLoop.current();
    private final RequestOptions options;
    private final String method;
    private final String key;
    private final @Nullable TlsLayer tls;
    private final @Nullable Pool pool;
    private final OutgoingHeaders headers = new OutgoingHeaders();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final InFlight inFlight;
    private final ResponseReceiver receiver;
    private @Nullable Consumer<@Nullable Throwable> finalCallback;
    private @Nullable ClientConnection connection;
    private @Nullable ClientResponse response;
    private @Nullable Buffer last;
    final RequestTimers timers;
    private boolean headSent;
    private boolean streamed;
    private boolean requestSent;
    private boolean done;
    private boolean retried;

    public RealClientRequest(RequestOptions options, Consumer<IncomingMessage> onResponse) {
        this(options, null, onResponse);
    }

    /** A request through {@code tls} (HTTPS) when not null; pooled per host, port and TLS options. */
    public RealClientRequest(RequestOptions options, @Nullable TlsOptions tls,
            Consumer<IncomingMessage> onResponse) {
        this.tls = tls == null ? null : TlsLayer.client(tls);
        this.options = options;
        this.method = ClientRequestHead.method(options);
        ClientRequestHead.checkPath(options.path());
        this.key = Pool.key(tls, options.socketPath().map(p -> "unix:" + p)
                .orElseGet(() -> options.host() + ":" + options.port()));
        this.pool = options.pooled() ? options.agent().orElseGet(Agent::globalAgent).pool() : null;
        ClientRequestHead.fill(headers, options, tls != null, pool != null);
        receiver = new ResponseReceiver(this, method, options.decompressLimit());
        on("response", onResponse);
        inFlight = new InFlight(loop);
        inFlight.open();
        timers = new RequestTimers(this, loop, options.timeout().toMillis());
        loop.nextTick(this::start);
    }

    private void start() {
        if (done) {
            return;
        }
        if (pool != null) {
            pool.acquire(this, key, false);
        } else {
            connectNew(null);
        }
    }

    // ---- connections ---------------------------------------------------------------------------------------

    void connectNew(@Nullable Pool from) {
        ClientConnection.open(loop, options, key, from, tls, () -> !done, (c, error) -> {
            if (c == null) {
                fail(error != null ? error : new StardustException("ECONNREFUSED", "connect failed"));
            } else if (done) {
                release(c, false);
            } else {
                attach(c);
            }
        });
    }

    void attach(ClientConnection c) {
        if (done) {
            release(c, true);
            return;
        }
        connection = c;
        c.assign(this);
        Pending p;
        while ((p = pending.poll()) != null) {
            sendChunk(p.chunk, p.callback);
        }
        Consumer<@Nullable Throwable> f = finalCallback;
        if (f != null) {
            finalCallback = null;
            sendFinal(f);
        }
    }

    private void release(ClientConnection c, boolean reusable) {
        if (pool != null) {
            pool.release(c, reusable);
        } else {
            c.close();
        }
    }

    void destroyConnection() {
        ClientConnection c = connection;
        if (c != null) {
            c.close();
        }
    }

    // ---- sending -------------------------------------------------------------------------------------------

    @Override
    public ClientRequest setHeader(String name, String value) {
        checkNotSent();
        headers.setHeader(name, value);
        return this;
    }

    @Override
    public Optional<String> getHeader(String name) {
        return headers.getHeader(name);
    }

    @Override
    public ClientRequest removeHeader(String name) {
        checkNotSent();
        headers.removeHeader(name);
        return this;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return options.path();
    }

    private void checkNotSent() {
        OutgoingHeaders.checkNotSent(headSent || streamed || writableEnded());
    }

    @Override
    public boolean write(Buffer chunk) {
        streamed = true;
        return super.write(chunk);
    }

    @Override
    public boolean write(Buffer chunk, Consumer<@Nullable Throwable> callback) {
        streamed = true;
        return super.write(chunk, callback);
    }

    @Override
    public Writable<Buffer> end(Buffer chunk) {
        if (!streamed && !writableEnded() && !destroyed()) {
            last = chunk;
            return super.end();
        }
        return super.end(chunk);
    }

    @Override
    protected void doWrite(Buffer chunk, Consumer<@Nullable Throwable> callback) {
        if (connection == null) {
            pending.add(new Pending(chunk, callback));
        } else {
            sendChunk(chunk, callback);
        }
    }

    @Override
    protected void doFinal(Consumer<@Nullable Throwable> callback) {
        if (connection == null) {
            finalCallback = callback;
        } else {
            sendFinal(callback);
        }
    }

    private void sendChunk(Buffer chunk, Consumer<@Nullable Throwable> callback) {
        ClientConnection c = connection;
        if (c == null || done) {
            callback.accept(new StardustException("ERR_STREAM_DESTROYED", "the request is over"));
            return;
        }
        if (!headSent) {
            headSent = true;
            c.channel.write(ClientRequestHead.streamed(method, options.path(), headers), c.channel.voidPromise());
        }
        if (chunk.isEmpty()) {
            callback.accept(null);
            return;
        }
        c.channel.writeAndFlush(new DefaultHttpContent(ClientRequestHead.wrap(chunk)), completion(c, callback));
    }

    private void sendFinal(Consumer<@Nullable Throwable> callback) {
        ClientConnection c = connection;
        if (c == null || done) {
            callback.accept(new StardustException("ERR_STREAM_DESTROYED", "the request is over"));
            return;
        }
        if (!headSent) {
            headSent = true;
            c.channel.writeAndFlush(ClientRequestHead.whole(method, options.path(), headers, last),
                    completion(c, callback));
        } else {
            c.channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, completion(c, callback));
        }
        requestSent = true;
    }

    private ChannelPromise completion(ClientConnection c, Consumer<@Nullable Throwable> callback) {
        ChannelPromise promise = c.channel.newPromise();
        // A failed write always ends with the connection closing, which reports the failure (or retries) once.
        promise.addListener(f -> callback.accept(null));
        return promise;
    }

    // ---- receiving -----------------------------------------------------------------------------------------

    void onMessage(ClientConnection c, Object msg) {
        receiver.onMessage(c, msg);
    }

    /** Whether a reply is still wanted: not when the request failed or was aborted before one. */
    boolean awaitsReply() {
        return !(done && response == null);
    }

    void responded(ClientResponse r) {
        response = r;
        emit("response", r);
    }

    @Nullable ClientResponse response() {
        return response;
    }

    void complete(ClientConnection c, ClientResponse r, Headers trailers) {
        done = true;
        timers.close();
        connection = null;
        c.autoRead(true);
        release(c, receiver.keepAlive() && requestSent);
        inFlight.close();
        r.finish(trailers);
        // node: the request closes once its response is over.
        closeRequest();
    }

    void onConnectionClosed(ClientConnection c) {
        if (done && response == null) {
            return;
        }
        if (response == null && !retried && c.reused() && !streamed && IDEMPOTENT.contains(method) && pool != null) {
            // A keep-alive connection the server closed just as we reused it: once more, on a new connection.
            retried = true;
            connection = null;
            headSent = false;
            requestSent = false;
            if (writableEnded()) {
                finalCallback = e -> { };
            }
            pool.acquire(this, key, true);
            return;
        }
        failResponseOrRequest(c.endedError(response != null));
    }

    void onConnectionError(Throwable cause) {
        if (response == null) {
            fail(tls != null ? TlsErrors.from(cause) : Errno.from(cause, "read", key));
        }
    }

    void failResponseOrRequest(StardustException error) {
        ClientResponse r = response;
        if (r != null) {
            if (r.complete() || !inFlight.open) {
                return;
            }
            done = true;
            timers.close();
            inFlight.close();
            ClientConnection c = connection;
            connection = null;
            if (c != null) {
                c.close();
            }
            // The user destroyed the response (which closes the connection): as in node, nothing to report.
            if (!r.destroyed() && !r.abort(error)) {
                emit("error", error);
            }
            closeRequest();
            return;
        }
        fail(error);
    }

    /** The request is over: {@code close}, unless it was destroyed already. */
    private void closeRequest() {
        if (!destroyed()) {
            destroy();
        }
    }

    void timedOut(StardustException error) {
        ClientConnection c = connection;
        failResponseOrRequest(error);
        if (c != null) {
            c.close();
        }
    }

    /** Fails the request before any response: the error once, the connection never reused. */
    private void fail(StardustException error) {
        if (done) {
            return;
        }
        abandon();
        emit("error", error);
        if (!destroyed()) {
            destroy();
        }
    }

    /** Ends the request before any response: its connection, never reused, closes, or the pool forgets it. */
    private void abandon() {
        done = true;
        timers.close();
        ClientConnection c = connection;
        connection = null;
        if (c != null) {
            c.close();
        } else if (pool != null) {
            pool.cancel(this, key);
        }
        inFlight.close();
    }

    @Override
    public ClientRequest setTimeout(long ms) {
        timers.idle(ms, !done);
        return this;
    }

    /**
     * node's {@code request.destroy()}, at any moment until the response is over: before the response the request
     * fails (with the given error, else {@code ECONNRESET} "socket hang up"); during it the response is aborted.
     */
    @Override
    protected void doDestroy(@Nullable Throwable error, Consumer<@Nullable Throwable> callback) {
        if (done) {
            callback.accept(error);
            return;
        }
        if (response != null) {
            failResponseOrRequest(new StardustException("ECONNRESET", "aborted"));
            callback.accept(error);
            return;
        }
        abandon();
        callback.accept(error != null ? error : new StardustException("ECONNRESET", "socket hang up"));
    }

    private record Pending(Buffer chunk, Consumer<@Nullable Throwable> callback) {
    }
}
