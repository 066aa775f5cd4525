package dev.stardust.json.internal;

import java.io.OutputStream;
import java.util.ArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The bytes a generator writes, for {@code stringifyToBytes}: collected in blocks of {@value #BLOCK} bytes, up to
 * {@value #KEPT_BLOCKS} of them kept per thread between calls, and copied once into an array of the exact length. So
 * a document up to 1 MB allocates its array and nothing else, and a larger one about twice its size, never a
 * doubling buffer. A nested call on the same thread finds no blocks kept and makes its own.
 */
final class OutputBytes extends OutputStream {
    static final int BLOCK = 32 * 1024;
    static final int KEPT_BLOCKS = 32;
    private static final ThreadLocal<@Nullable ArrayList<byte[]>> SPARE = new ThreadLocal<>();

    /** Blocks this call may fill before allocating more, the thread's kept ones first. */
    private final ArrayList<byte[]> spare;
    private byte[] block;
    private int length;
    private final ArrayList<byte[]> full = new ArrayList<>();

    OutputBytes() {
        ArrayList<byte[]> kept = SPARE.get();
        SPARE.set(null);
        spare = kept != null ? kept : new ArrayList<>();
        block = spare.isEmpty() ? new byte[BLOCK] : spare.remove(spare.size() - 1);
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
        full.add(block);
        block = spare.isEmpty() ? new byte[BLOCK] : spare.remove(spare.size() - 1);
        length = 0;
    }

    /** The bytes written, at their length; the blocks go back to the thread for its next call. */
    byte[] take() {
        int blocks = full.size();
        long total = (long) blocks * BLOCK + length;
        if (total > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("JSON output longer than 2 GB");
        }
        byte[] out = new byte[(int) total];
        for (int i = 0; i < blocks; i++) {
            System.arraycopy(full.get(i), 0, out, i * BLOCK, BLOCK);
        }
        System.arraycopy(block, 0, out, blocks * BLOCK, length);
        full.add(block);
        for (int i = 0; i < full.size() && spare.size() < KEPT_BLOCKS; i++) {
            spare.add(full.get(i));
        }
        SPARE.set(spare);
        return out;
    }
}
