package dev.stardust.websocket.internal;

import dev.stardust.StardustException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * node's {@code ws} error codes for what the peer did wrong, and the status each closes the connection with. Netty's
 * frame decoder reports every violation as a {@link CorruptedWebSocketFrameException} with a status and a message;
 * the message picks {@code ws}'s code.
 */
final class WsErrors {
    static final int PROTOCOL_ERROR = 1002;
    static final int INVALID_PAYLOAD = 1007;
    static final int MESSAGE_TOO_BIG = 1009;

    private WsErrors() {
    }

    /** A violation found here (message size, compression): its status and {@code ws}'s code. */
    static final class Violation extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        Violation(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    /** The status that a violation closes with: 1002 unless it says otherwise. */
    static int status(Throwable violation) {
        if (violation instanceof Violation v) {
            return v.status;
        }
        if (violation instanceof CorruptedWebSocketFrameException c) {
            WebSocketCloseStatus s = c.closeStatus();
            return s != null ? s.code() : PROTOCOL_ERROR;
        }
        return PROTOCOL_ERROR;
    }

    /** Whether {@code error} is the peer breaking the protocol, rather than the connection failing. */
    static boolean isViolation(Throwable error) {
        return error instanceof Violation || error instanceof CorruptedWebSocketFrameException;
    }

    /** The {@code error} event for a violation, with {@code ws}'s code. */
    static StardustException from(Throwable violation, boolean client) {
        if (violation instanceof Violation v) {
            return new StardustException(v.code, v.getMessage());
        }
        String m = String.valueOf(violation.getMessage());
        int status = status(violation);
        String code;
        if (m.contains("not masked as expected")) {
            code = client ? "WS_ERR_UNEXPECTED_MASK" : "WS_ERR_EXPECTED_MASK";
        } else if (m.contains("RSV")) {
            code = m.matches(".*RSV: [4-7]$") ? "WS_ERR_UNEXPECTED_RSV_1" : "WS_ERR_UNEXPECTED_RSV_2_3";
        } else if (m.contains("opcode") || m.contains("continuation")) {
            code = "WS_ERR_INVALID_OPCODE";
        } else if (m.contains("> 125")) {
            code = "WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH";
        } else if (m.contains("fragmented control")) {
            code = "WS_ERR_EXPECTED_FIN";
        } else if (m.contains("close frame getStatus") || m.contains("payload len 1")) {
            code = "WS_ERR_INVALID_CLOSE_CODE";
        } else if (status == MESSAGE_TOO_BIG) {
            code = "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH";
        } else if (status == INVALID_PAYLOAD || m.contains("close frame body")) {
            code = "WS_ERR_INVALID_UTF8";
        } else {
            code = "WS_ERR_PROTOCOL";
        }
        return new StardustException(code, m, violation);
    }
}
