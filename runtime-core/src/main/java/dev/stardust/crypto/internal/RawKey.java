package dev.stardust.crypto.internal;

import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * Key bytes for the JDK's {@code Mac}, which accepts any length, the empty key included, while
 * {@code SecretKeySpec} refuses an empty array; node's HMAC, pbkdf2 and hkdf accept an empty key (RFC 2104 pads
 * every key with zeros to the block size, so it is as good as a key of zeros).
 */
final class RawKey implements SecretKey {
    private static final long serialVersionUID = 1L;

    private final byte[] bytes;

    RawKey(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    @Override
    public String getAlgorithm() {
        return "RAW";
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    @Override
    public byte[] getEncoded() {
        return bytes.clone();
    }

    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
    }
}
