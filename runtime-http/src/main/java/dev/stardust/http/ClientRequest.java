package dev.stardust.http;

import dev.stardust.Buffer;
import dev.stardust.stream.BufferWritable;
import dev.stardust.stream.Writable;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * node's {@code http.ClientRequest}: a request in flight, whose body is written as a {@link Writable} of
 * {@link Buffer}s (chunked unless a {@code Content-Length} is set or the whole body is given to {@code end}).
 * Events: {@code response} (the {@link IncomingMessage}), {@code error} (a {@link dev.stardust.StardustException}
 * with a node code such as {@code ECONNREFUSED}, {@code ECONNRESET}, {@code ETIMEDOUT}, {@code ENOTFOUND} or
 * {@code HPE_*}, emitted at most once), {@code timeout} (see {@link #setTimeout}), and {@code close} once the
 * response is over or the request failed. {@link #destroy()} aborts it at any moment, as node's: before the response
 * the request fails with {@code ECONNRESET} ("socket hang up"), during it the response is aborted. Typed helpers:
 * {@link #onResponse}, {@link #onTimeout}, {@code onError}, {@code onClose}, {@code onFinish}. Text is written as
 * UTF-8 ({@link BufferWritable}). Loop thread only.
 */
public abstract class ClientRequest extends Writable<Buffer> implements BufferWritable {

    /** For implementations. */
    protected ClientRequest() {
        // Open after finish: the request lasts until its response is over, and can be aborted until then.
        super(DEFAULT_HIGH_WATER_MARK, true, false);
    }

    /** Sets a header before the head is sent (node's {@code request.setHeader}); CR, LF or NUL throw. */
    public abstract ClientRequest setHeader(String name, String value);

    /** The value set for {@code name} (node's {@code request.getHeader}). */
    public abstract Optional<String> getHeader(String name);

    /** Removes a header not sent yet (node's {@code request.removeHeader}). */
    public abstract ClientRequest removeHeader(String name);

    /** The method (node's {@code request.method}). */
    public abstract String method();

    /** The request target (node's {@code request.path}). */
    public abstract String path();

    /**
     * Emits {@code timeout} once no byte was sent or received for {@code ms} milliseconds (0: never), while the
     * request is in flight (node's {@code request.setTimeout(ms)}). The request goes on: a listener decides, usually
     * with {@link #destroy()}. {@code RequestOptions.withTimeout} is the other kind: a deadline that aborts with
     * {@code ETIMEDOUT}.
     */
    public abstract ClientRequest setTimeout(long ms);

    /** Adds a listener for {@code timeout} (see {@link #setTimeout}; node's {@code request.on('timeout')}). */
    public ClientRequest onTimeout(Runnable listener) {
        onNoValue("timeout", listener, false);
        return this;
    }

    /** Adds a listener for {@code response}: the head of the answer arrived (node's {@code request.on('response')}). */
    public ClientRequest onResponse(Consumer<? super IncomingMessage> listener) {
        on("response", listener);
        return this;
    }
}
