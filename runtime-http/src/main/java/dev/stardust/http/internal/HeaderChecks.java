package dev.stardust.http.internal;

import dev.stardust.StardustException;

/**
 * The checks on what user code puts on the wire, as node's {@code validateHeaderName}/{@code validateHeaderValue}:
 * a name must be an RFC 9110 token, a value or reason phrase must hold no CR, LF, NUL or other control character
 * but tab. Failing throws, so no response or request can be split.
 */
public final class HeaderChecks {
    private HeaderChecks() {
    }

    /** Throws {@code ERR_INVALID_HTTP_TOKEN} unless {@code name} is a non-empty token. */
    public static String name(String name) {
        if (name.isEmpty()) {
            throw new StardustException("ERR_INVALID_HTTP_TOKEN", "Header name must be a valid HTTP token [\"\"]");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                throw new StardustException("ERR_INVALID_HTTP_TOKEN",
                        "Header name must be a valid HTTP token [\"" + printable(name) + "\"]");
            }
        }
        return name;
    }

    /** Throws {@code ERR_INVALID_CHAR} if {@code value} of header {@code name} holds a forbidden character. */
    public static String value(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                throw new StardustException("ERR_INVALID_CHAR",
                        "Invalid character in header content [\"" + printable(name) + "\"]");
            }
        }
        return value;
    }

    /** Throws {@code ERR_INVALID_CHAR} if a reason phrase, method or path holds a control character. */
    public static String text(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                throw new StardustException("ERR_INVALID_CHAR", "Invalid character in " + what);
            }
        }
        return text;
    }

    static boolean isTokenChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }
}
