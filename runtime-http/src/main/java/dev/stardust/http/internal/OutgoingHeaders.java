package dev.stardust.http.internal;

import dev.stardust.StardustException;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.util.AsciiString;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The header half of node's {@code OutgoingMessage}, shared by the server's response and the client's request: the
 * fields themselves (so a response costs no object besides them), the checked {@code setHeader}, {@code getHeader},
 * {@code removeHeader} and {@code hasHeader} that user code calls, and the {@code ERR_HTTP_HEADERS_SENT} refusal once
 * the head is on its way. Names and values are checked as node checks them; common ones are swapped for their
 * ready-made forms ({@link KnownHeaders}), which need no check.
 *
 * <p>It also notes which of the headers that decide framing the user set, so that the code that writes the head looks
 * up only those: a hello response costs no lookup at all. Loop thread only, as the message is.
 */
final class OutgoingHeaders extends HeaderArray {
    static final int CONTENT_LENGTH = 1;
    static final int TRANSFER_ENCODING = 2;
    static final int CONNECTION = 4;
    static final int DATE = 8;
    static final AsciiString CONTENT_LENGTH_NAME = AsciiString.cached("Content-Length");
    static final AsciiString TRANSFER_ENCODING_NAME = AsciiString.cached("Transfer-Encoding");
    static final AsciiString CONNECTION_NAME = AsciiString.cached("Connection");

    /** Which of the framing headers the user set: bits {@link #CONTENT_LENGTH} ... {@link #DATE}. */
    private int framing;

    /** Throws node's {@code ERR_HTTP_HEADERS_SENT} when {@code sent}: the message's head can no longer change. */
    static void checkNotSent(boolean sent) {
        if (sent) {
            throw new StardustException("ERR_HTTP_HEADERS_SENT", "Cannot set headers after they are sent to the client");
        }
    }

    /** Whether the user set framing header {@code bit} ({@link #CONTENT_LENGTH}, ...). */
    boolean userSet(int bit) {
        return (framing & bit) != 0;
    }

    /** node's {@code setHeader(name, value)}: checked, replacing any value of that name. */
    void setHeader(String name, String value) {
        set(checkedName(name), checkedValue(name, value));
        framing |= framingBit(name);
    }

    /** node's {@code setHeader(name, array)}: checked, one field per value. */
    void setHeader(String name, List<String> values) {
        HeaderChecks.name(name);
        for (String v : values) {
            HeaderChecks.value(name, v);
        }
        set(name, values);
        framing |= framingBit(name);
    }

    /** Adds a field, checked, after any of the same name (the headers a request was created with). */
    void addHeader(String name, String value) {
        add(checkedName(name), checkedValue(name, value));
        framing |= framingBit(name);
    }

    /** node's {@code getHeader}: the first value set for {@code name}. */
    Optional<String> getHeader(String name) {
        return Optional.ofNullable(get(name));
    }

    /** node's {@code removeHeader}. */
    void removeHeader(String name) {
        remove(name);
        framing &= ~framingBit(name);
    }

    /** node's {@code hasHeader}. */
    boolean hasHeader(String name) {
        return contains(name);
    }

    /**
     * The headers of node's {@code writeHead(status, headers)}: values may be strings, numbers or lists. Everything is
     * checked before anything changes, so a refused header leaves the message untouched.
     */
    void setAll(Map<String, ?> more) {
        // Common names and values are swapped for their ready-made forms on the way (KnownHeaders), which need no
        // check.
        CharSequence[] staged = new CharSequence[more.size() * 2];
        int i = 0;
        for (Map.Entry<String, ?> e : more.entrySet()) {
            String name = e.getKey();
            staged[i++] = checkedName(name);
            if (e.getValue() instanceof Iterable<?> values) {
                for (Object v : values) {
                    HeaderChecks.value(name, String.valueOf(v));
                }
                staged[i++] = null;
            } else {
                staged[i++] = checkedValue(name, String.valueOf(e.getValue()));
            }
        }
        // Onto no earlier header, fields are added as given, as node sends writeHead's object as it is.
        boolean fresh = isEmpty();
        i = 0;
        for (Map.Entry<String, ?> e : more.entrySet()) {
            CharSequence name = staged[i++];
            CharSequence value = staged[i++];
            framing |= framingBit(e.getKey());
            if (value == null) {
                remove(name);
                for (Object v : (Iterable<?>) e.getValue()) {
                    add(name, String.valueOf(v));
                }
            } else if (fresh) {
                add(name, value);
            } else {
                set(name, value);
            }
        }
    }

    /** Sets {@code Content-Length} to a length known before the head (sendFile's), dropping any Transfer-Encoding. */
    void fixLength(long length) {
        set(CONTENT_LENGTH_NAME, length);
        remove(TRANSFER_ENCODING_NAME);
        framing = (framing | CONTENT_LENGTH) & ~TRANSFER_ENCODING;
    }

    /** Replaces every field with {@code Connection: close}, as if the user had set it (a failed handler's 500). */
    void closeOnly() {
        clear();
        set(CONNECTION_NAME, HttpHeaderValues.CLOSE);
        framing = CONNECTION;
    }

    @Override
    public OutgoingHeaders clear() {
        super.clear();
        framing = 0;
        return this;
    }

    /** {@code name}, checked, or its ready-made form when it is a common one. */
    private static CharSequence checkedName(String name) {
        CharSequence known = KnownHeaders.name(name);
        return known != null ? known : HeaderChecks.name(name);
    }

    /** {@code value}, checked, or its ready-made form when it is a common one. */
    private static CharSequence checkedValue(String name, String value) {
        CharSequence known = KnownHeaders.value(value);
        return known != null ? known : HeaderChecks.value(name, value);
    }

    /** The bit of {@link #framing} that header {@code name} sets, 0 for any other header. */
    private static int framingBit(String name) {
        switch (name.length()) {
            case 4:
                return name.equalsIgnoreCase("Date") ? DATE : 0;
            case 10:
                return name.equalsIgnoreCase("Connection") ? CONNECTION : 0;
            case 14:
                return name.equalsIgnoreCase("Content-Length") ? CONTENT_LENGTH : 0;
            case 17:
                return name.equalsIgnoreCase("Transfer-Encoding") ? TRANSFER_ENCODING : 0;
            default:
                return 0;
        }
    }
}
