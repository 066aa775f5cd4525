package dev.stardust.http;

import dev.stardust.Buffer;
import dev.stardust.stream.Writable;
import java.util.Optional;

/**
 * node's {@code http.ClientRequest}: a request in flight, whose body is written as a {@link Writable} of
 * {@link Buffer}s (chunked unless a {@code Content-Length} is set or the whole body is given to {@code end}).
 * Events: {@code response} (the {@link IncomingMessage}), {@code error} (a {@link dev.stardust.StardustException}
 * with a node code such as {@code ECONNREFUSED}, {@code ECONNRESET}, {@code ETIMEDOUT}, {@code ENOTFOUND} or
 * {@code HPE_*}, emitted at most once), {@code close}. Loop thread only.
 */
public abstract class ClientRequest extends Writable<Buffer> {

    /** For implementations. */
    protected ClientRequest() {
        super(DEFAULT_HIGH_WATER_MARK, true);
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

    /** Writes {@code text} as UTF-8. */
    public boolean write(String text) {
        return write(Buffer.from(text));
    }

    /** Writes {@code text} as UTF-8 and ends the request. */
    public ClientRequest end(String text) {
        end(Buffer.from(text));
        return this;
    }
}
