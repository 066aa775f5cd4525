package dev.stardust.http.internal;

import dev.stardust.StardustException;
import dev.stardust.http.RequestOptions;
import java.util.Map;

/**
 * The head a client request starts with, as node's {@code ClientRequest} constructor makes it: the method and path
 * checked (so that no request can be split), the user's headers, and node's defaults for those the user did not set.
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
}
