package dev.stardust.http.internal;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.http.RequestOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The head of a client request, as node's {@code ClientRequest} makes it: the method and path checked (so that no
 * request can be split), the user's headers and node's defaults for those the user did not set, and at sending the
 * framing (chunked for a streamed body, a {@code Content-Length} for a whole one).
 */
final class ClientRequestHead {
    private ClientRequestHead() {
    }

    /** The method of {@code options}, which must be a token ({@code ERR_INVALID_HTTP_TOKEN}). */
    static String method(RequestOptions options) {
        String method = HeaderChecks.text("method", options.method());
        for (int i = 0; i < method.length(); i++) {
            if (!HeaderChecks.isTokenChar(method.charAt(i))) {
                throw new StardustException("ERR_INVALID_HTTP_TOKEN", "Method must be a valid HTTP token");
            }
        }
        return method;
    }

    /** Throws {@code ERR_UNESCAPED_CHARACTERS} if {@code path} holds a space, a control or a non-ASCII character. */
    static void checkPath(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new StardustException("ERR_UNESCAPED_CHARACTERS", "Request path contains unescaped characters");
            }
        }
    }

    /** The user's headers, then {@code Host}, {@code Accept-Encoding} (when decompressing) and {@code Connection}. */
    static void fill(OutgoingHeaders headers, RequestOptions options, boolean https, boolean pooled) {
        for (Map.Entry<String, String> h : options.headers()) {
            headers.addHeader(h.getKey(), h.getValue());
        }
        if (!headers.contains("Host")) {
            String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
            headers.set("Host", options.port() == (https ? 443 : 80) ? host : host + ":" + options.port());
        }
        if (options.decompressLimit() > 0 && !headers.contains("Accept-Encoding")) {
            headers.set("Accept-Encoding", "gzip, deflate");
        }
        if (!headers.contains("Connection")) {
            headers.set("Connection", pooled ? "keep-alive" : "close");
        }
    }

    /** The head of a request whose body is streamed: chunked unless the user set its framing. */
    static HttpRequest streamed(String method, String path, OutgoingHeaders headers) {
        if (!headers.contains("Content-Length") && !headers.contains("Transfer-Encoding")) {
            headers.set("Transfer-Encoding", "chunked");
        }
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), path, headers);
    }

    /**
     * A request whose whole body, if any, was given to {@code end}: with a {@code Content-Length} unless the user set
     * the framing, even of 0 for the methods that expect a body (as node sends).
     */
    static FullHttpRequest whole(String method, String path, OutgoingHeaders headers, @Nullable Buffer body) {
        if (!headers.contains("Content-Length") && !headers.contains("Transfer-Encoding")
                && (body != null && !body.isEmpty() || expectsBody(method))) {
            headers.set("Content-Length", body == null ? 0 : body.length());
        }
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), path,
                body == null ? Unpooled.EMPTY_BUFFER : wrap(body), headers, EmptyHttpHeaders.INSTANCE);
    }

    static ByteBuf wrap(Buffer buffer) {
        return Unpooled.wrappedBuffer(buffer.asByteBuffer());
    }

    private static boolean expectsBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }
}
