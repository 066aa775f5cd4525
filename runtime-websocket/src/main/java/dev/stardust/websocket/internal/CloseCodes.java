package dev.stardust.websocket.internal;

/** Which close status codes an endpoint may send (RFC 6455 7.4 and IANA's registry, as node's {@code ws} checks). */
final class CloseCodes {
    private CloseCodes() {
    }

    /** Whether a close frame may carry {@code code}: 1000 to 1003, 1007 to 1014, 3000 to 4999. */
    static boolean canSend(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
