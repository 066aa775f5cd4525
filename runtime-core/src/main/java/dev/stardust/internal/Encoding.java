package dev.stardust.internal;

import dev.stardust.StardustException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * node's character encodings for {@code Buffer}, both ways, with node's rules for what does not fit: a lone surrogate
 * becomes U+FFFD in UTF-8, {@code latin1} and {@code ascii} keep the low byte of each UTF-16 unit, {@code hex} stops
 * at the first pair that is not hexadecimal, {@code base64} and {@code base64url} read either alphabet, skip
 * characters outside it and stop at the first {@code '='}, and {@code utf16le} drops a trailing odd byte. Decoding
 * never fails; only an unknown name does, with node's {@code ERR_UNKNOWN_ENCODING}.
 */
public enum Encoding {
    UTF8 {
        @Override
        public byte[] encode(String text) {
            for (int i = 0; i < text.length(); i++) {
                if (Character.isSurrogate(text.charAt(i))) {
                    return Utf8.encode(text);
                }
            }
            return text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes, int offset, int length) {
            return Utf8.decode(bytes, offset, length);
        }
    },
    UTF16LE {
        @Override
        public byte[] encode(String text) {
            byte[] out = new byte[text.length() * 2];
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                out[2 * i] = (byte) c;
                out[2 * i + 1] = (byte) (c >>> 8);
            }
            return out;
        }

        @Override
        public String decode(byte[] bytes, int offset, int length) {
            char[] out = new char[length / 2];
            for (int i = 0; i < out.length; i++) {
                out[i] = (char) ((bytes[offset + 2 * i] & 0xff) | (bytes[offset + 2 * i + 1] & 0xff) << 8);
            }
            return new String(out);
        }
    },
    LATIN1 {
        @Override
        public byte[] encode(String text) {
            return lowBytes(text);
        }

        @Override
        public String decode(byte[] bytes, int offset, int length) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
    },
    ASCII {
        @Override
        public byte[] encode(String text) {
            return lowBytes(text);
        }

        @Override
        public String decode(byte[] bytes, int offset, int length) {
            byte[] low = new byte[length];
            for (int i = 0; i < length; i++) {
                low[i] = (byte) (bytes[offset + i] & 0x7f);
            }
            return new String(low, StandardCharsets.ISO_8859_1);
        }
    },
    HEX {
        @Override
        public byte[] encode(String text) {
            byte[] out = new byte[text.length() / 2];
            int n = 0;
            while (n < out.length) {
                int hi = hexValue(text.charAt(2 * n));
                int lo = hexValue(text.charAt(2 * n + 1));
                if (hi < 0 || lo < 0) {
                    break;
                }
                out[n++] = (byte) (hi << 4 | lo);
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        }

        @Override
        public String decode(byte[] bytes, int offset, int length) {
            byte[] out = new byte[length * 2];
            for (int i = 0; i < length; i++) {
                int b = bytes[offset + i] & 0xff;
                out[2 * i] = HEX_DIGITS[b >>> 4];
                out[2 * i + 1] = HEX_DIGITS[b & 0xf];
            }
            return new String(out, StandardCharsets.ISO_8859_1);
        }
    },
    BASE64 {
        @Override
        public byte[] encode(String text) {
            return LenientBase64.decode(text);
        }

        @Override
        public String decode(byte[] bytes, int offset, int length) {
            return base64(Base64.getEncoder(), bytes, offset, length);
        }
    },
    BASE64URL {
        @Override
        public byte[] encode(String text) {
            return LenientBase64.decode(text);
        }

        @Override
        public String decode(byte[] bytes, int offset, int length) {
            return base64(Base64.getUrlEncoder().withoutPadding(), bytes, offset, length);
        }
    };

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    /** The bytes of {@code text} in this encoding (node's {@code Buffer.from(text, encoding)}). */
    public abstract byte[] encode(String text);

    /** {@code length} bytes from {@code offset} as text in this encoding (node's {@code buf.toString(encoding)}). */
    public abstract String decode(byte[] bytes, int offset, int length);

    /**
     * The encoding node knows by {@code name}, in any letter case: {@code utf8}/{@code utf-8}, {@code utf16le}/
     * {@code utf-16le}/{@code ucs2}/{@code ucs-2}, {@code latin1}/{@code binary}, {@code ascii}, {@code hex},
     * {@code base64}, {@code base64url}.
     *
     * @throws StardustException {@code ERR_UNKNOWN_ENCODING} for any other name, as node throws
     */
    public static Encoding of(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "utf8":
            case "utf-8":
                return UTF8;
            case "utf16le":
            case "utf-16le":
            case "ucs2":
            case "ucs-2":
                return UTF16LE;
            case "latin1":
            case "binary":
                return LATIN1;
            case "ascii":
                return ASCII;
            case "hex":
                return HEX;
            case "base64":
                return BASE64;
            case "base64url":
                return BASE64URL;
            default:
                throw new StardustException("ERR_UNKNOWN_ENCODING", "Unknown encoding: " + name);
        }
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static byte[] lowBytes(String text) {
        byte[] out = new byte[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) text.charAt(i);
        }
        return out;
    }

    private static String base64(Base64.Encoder encoder, byte[] bytes, int offset, int length) {
        ByteBuffer encoded = encoder.encode(ByteBuffer.wrap(bytes, offset, length));
        return new String(encoded.array(), 0, encoded.limit(), StandardCharsets.ISO_8859_1);
    }
}
