package dev.stardust.json.internal;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * The bytes a generator writes, for {@code stringifyToBytes}, in one array that doubles as it fills: the generator buffers in front of it, so
 * writes come in blocks of up to a few KB. The first block is kept at its own size, so that a small document (one
 * flush at close) is one array, handed out as it is.
 */
final class OutputBytes extends OutputStream {
    private static final byte[] EMPTY = new byte[0];

    private byte[] bytes = EMPTY;
    private int length;

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
            bytes = Arrays.copyOf(bytes, length == 0 ? needed : Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8,
                    bytes.length * 2L)));
        }
    }

    /** The bytes written, without a copy when the array is exactly full. */
    byte[] toByteArray() {
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }
}
