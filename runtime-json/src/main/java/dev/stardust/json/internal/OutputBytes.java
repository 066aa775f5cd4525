package dev.stardust.json.internal;

import java.io.OutputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The bytes a generator writes, for {@code stringifyToBytes}: collected in an array kept per thread between calls
 * (up to {@value #KEPT} bytes) and copied out at their exact length, so that a call allocates the array it returns and
 * little else. A nested call on the same thread finds no array kept and makes its own.
 */
final class OutputBytes extends OutputStream {
    /** The largest array kept for the next call; larger documents allocate their own. */
    static final int KEPT = 1024 * 1024;
    private static final ThreadLocal<byte @Nullable []> SPARE = new ThreadLocal<>();

    private byte[] bytes;
    private int length;

    OutputBytes() {
        byte[] spare = SPARE.get();
        if (spare != null) {
            SPARE.set(null);
            bytes = spare;
        } else {
            bytes = new byte[8192];
        }
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, length, len);
        length += len;
    }

    private void ensure(int more) {
        int needed = length + more;
        if (needed > bytes.length) {
            if (needed < 0) {
                throw new OutOfMemoryError("JSON output longer than 2 GB");
            }
            bytes = Arrays.copyOf(bytes, Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8, bytes.length * 2L)));
        }
    }

    /** The bytes written, at their length; the array goes back to the thread for its next call. */
    byte[] take() {
        byte[] out = Arrays.copyOf(bytes, length);
        if (bytes.length <= KEPT) {
            SPARE.set(bytes);
        }
        return out;
    }
}
