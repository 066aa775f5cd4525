package dev.stardust.http.internal;

import io.netty.util.ByteProcessor;
import org.jspecify.annotations.Nullable;

/**
 * The checks node's llhttp makes on a response head and Netty's decoder does not, made on the head's bytes as the
 * decoder consumes them, so it works the same whatever the splits: the protocol name is exactly {@code HTTP/}
 * ({@code HPE_INVALID_CONSTANT}), the version 1.0 or 1.1 ({@code HPE_INVALID_VERSION}), the status three digits
 * ({@code HPE_INVALID_STATUS}), every header line a token, a colon and a value without control characters and no
 * obs-fold ({@code HPE_INVALID_HEADER_TOKEN}), one {@code Content-Length} of digits only
 * ({@code HPE_UNEXPECTED_CONTENT_LENGTH}, {@code HPE_INVALID_CONTENT_LENGTH}) and never beside
 * {@code Transfer-Encoding} ({@code HPE_INVALID_TRANSFER_ENCODING}). It stops at the first fault, or at the head's
 * end; {@link #reset} readies it for the next response.
 */
final class ResponseHeadScanner implements ByteProcessor {
    private static final String PROTOCOL = "HTTP/";
    private static final String CONTENT_LENGTH = "content-length";
    private static final String TRANSFER_ENCODING = "transfer-encoding";

    private static final int START = 0;
    private static final int PROTOCOL_NAME = 1;
    private static final int MAJOR = 2;
    private static final int DOT = 3;
    private static final int MINOR = 4;
    private static final int AFTER_VERSION = 5;
    private static final int STATUS = 6;
    private static final int REASON = 7;
    private static final int LINE_START = 8;
    private static final int NAME = 9;
    private static final int VALUE = 10;
    private static final int BLANK_LINE = 11;
    private static final int DONE = 12;

    private int state = START;
    private int index;
    private int major;
    private int minor;
    private boolean maybeLength;
    private boolean maybeCoding;
    private boolean inLength;
    private int lengthDigits;
    private boolean lengthEnded;
    private boolean lengthBad;
    private int lengths;
    private boolean codings;
    private @Nullable String code;
    private @Nullable String reason;

    /** The {@code HPE_*} code of the fault found, if any. */
    @Nullable String code() {
        return code;
    }

    /** node's message for the fault found. */
    @Nullable String reason() {
        return reason;
    }

    /** Whether the head was scanned to its end, or a fault found: the bytes that follow are not the head's. */
    boolean stopped() {
        return state == DONE || code != null;
    }

    /** Ready for the next response's head. */
    void reset() {
        state = START;
        index = 0;
        lengths = 0;
        codings = false;
        code = null;
        reason = null;
    }

    @Override
    public boolean process(byte value) {
        int b = value & 0xff;
        switch (state) {
            case START:
                if (b == '\r' || b == '\n') {
                    return true;
                }
                state = PROTOCOL_NAME;
                return protocol(b);
            case PROTOCOL_NAME:
                return protocol(b);
            case MAJOR:
                major = b - '0';
                state = DOT;
                return isDigit(b) || fault("HPE_INVALID_VERSION", "Invalid HTTP version");
            case DOT:
                state = MINOR;
                return b == '.' || fault("HPE_INVALID_VERSION", "Invalid HTTP version");
            case MINOR:
                minor = b - '0';
                state = AFTER_VERSION;
                return isDigit(b) || fault("HPE_INVALID_VERSION", "Invalid HTTP version");
            case AFTER_VERSION:
                if (b != ' ' || major != 1 || minor > 1) {
                    return fault("HPE_INVALID_VERSION", "Invalid HTTP version");
                }
                state = STATUS;
                index = 0;
                return true;
            case STATUS:
                if (isDigit(b)) {
                    return ++index <= 3 || fault("HPE_INVALID_STATUS", "Invalid response status");
                }
                if (index != 3 || (b != ' ' && b != '\r' && b != '\n')) {
                    return fault("HPE_INVALID_STATUS", "Invalid response status");
                }
                state = b == '\n' ? LINE_START : REASON;
                return true;
            case REASON:
                if (b == '\n') {
                    state = LINE_START;
                }
                return true;
            case LINE_START:
                return lineStart(b);
            case NAME:
                return name(b);
            case VALUE:
                return value(b);
            case BLANK_LINE:
                return b == '\n' ? headEnd() : fault("HPE_INVALID_HEADER_TOKEN", "Invalid header token");
            default:
                return false;
        }
    }

    private boolean protocol(int b) {
        if (b != PROTOCOL.charAt(index)) {
            return fault("HPE_INVALID_CONSTANT", "Expected HTTP/");
        }
        if (++index == PROTOCOL.length()) {
            state = MAJOR;
        }
        return true;
    }

    private boolean lineStart(int b) {
        if (b == '\r') {
            state = BLANK_LINE;
            return true;
        }
        if (b == '\n') {
            return headEnd();
        }
        if (b == ' ' || b == '\t') {
            return fault("HPE_INVALID_HEADER_TOKEN", "Unexpected whitespace after header value");
        }
        state = NAME;
        index = 0;
        maybeLength = true;
        maybeCoding = true;
        return name(b);
    }

    private boolean name(int b) {
        if (b == ':') {
            if (index == 0) {
                return fault("HPE_INVALID_HEADER_TOKEN", "Invalid header token");
            }
            inLength = maybeLength && index == CONTENT_LENGTH.length();
            if (maybeCoding && index == TRANSFER_ENCODING.length()) {
                codings = true;
            }
            if (inLength && ++lengths > 1) {
                return fault("HPE_UNEXPECTED_CONTENT_LENGTH", "Duplicate Content-Length");
            }
            lengthDigits = 0;
            lengthEnded = false;
            lengthBad = false;
            state = VALUE;
            return true;
        }
        if (!HeaderChecks.isTokenChar((char) b)) {
            return fault("HPE_INVALID_HEADER_TOKEN", "Invalid header token");
        }
        int lower = b >= 'A' && b <= 'Z' ? b + 32 : b;
        maybeLength &= index < CONTENT_LENGTH.length() && CONTENT_LENGTH.charAt(index) == lower;
        maybeCoding &= index < TRANSFER_ENCODING.length() && TRANSFER_ENCODING.charAt(index) == lower;
        index++;
        return true;
    }

    private boolean value(int b) {
        if (b == '\n') {
            state = LINE_START;
            if (inLength && (lengthBad || lengthDigits == 0)) {
                return fault("HPE_INVALID_CONTENT_LENGTH", "Invalid character in Content-Length");
            }
            return true;
        }
        if (b == '\r') {
            return true;
        }
        if ((b < 0x20 && b != '\t') || b == 0x7f) {
            return fault("HPE_INVALID_HEADER_TOKEN", "Invalid header value char");
        }
        if (inLength) {
            if (isDigit(b)) {
                lengthBad |= lengthEnded;
                lengthDigits++;
            } else if (b == ' ' || b == '\t') {
                lengthEnded = lengthDigits > 0;
            } else {
                lengthBad = true;
            }
        }
        return true;
    }

    private boolean headEnd() {
        state = DONE;
        if (codings && lengths > 0) {
            return fault("HPE_INVALID_TRANSFER_ENCODING", "Transfer-Encoding can't be present with Content-Length");
        }
        return false;
    }

    private boolean fault(String faultCode, String text) {
        code = faultCode;
        reason = text;
        return false;
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }
}
