package dev.stardust.json.internal;

import java.io.OutputStream;
import java.util.ArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The bytes a generator writes, for {@code stringifyToBytes}: collected in blocks of {@value #BLOCK} bytes, the first
 * kept per thread between calls, and copied once into an array of the exact length. So a small document allocates
 * its array and nothing else, and a large one about twice its size, never a doubling buffer. A nested call on the
 * same thread finds no block kept and makes its own.
 */
final class OutputBytes extends OutputStream {
    static final int BLOCK = 32 * 1024;
    private static final ThreadLocal<byte @Nullable []> SPARE = new ThreadLocal<>();

    private final byte[] first;
    private byte[] block;
    private int length;
    private @Nullable ArrayList<byte[]> full;

    OutputBytes() {
        byte[] spare = SPARE.get();
        SPARE.set(null);
        first = spare != null ? spare : new byte[BLOCK];
        block = first;
    }

    @Override
    public void write(int b) {
        block[length++] = (byte) b;
        if (length == BLOCK) {
            next();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            int n = Math.min(len, BLOCK - length);
            System.arraycopy(b, off, block, length, n);
            length += n;
            off += n;
            len -= n;
            if (length == BLOCK) {
                next();
            }
        }
    }

    private void next() {
        if (full == null) {
            full = new ArrayList<>();
        }
        full.add(block);
        block = new byte[BLOCK];
        length = 0;
    }

    /** The bytes written, at their length; the first block goes back to the thread for its next call. */
    byte[] take() {
        int blocks = full == null ? 0 : full.size();
        long total = (long) blocks * BLOCK + length;
        if (total > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("JSON output longer than 2 GB");
        }
        byte[] out = new byte[(int) total];
        for (int i = 0; i < blocks; i++) {
            System.arraycopy(full.get(i), 0, out, i * BLOCK, BLOCK);
        }
        System.arraycopy(block, 0, out, blocks * BLOCK, length);
        SPARE.set(first);
        return out;
    }
}
