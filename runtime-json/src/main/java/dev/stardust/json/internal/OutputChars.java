package dev.stardust.json.internal;

import java.io.Writer;
import java.util.ArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The characters a generator writes, for {@code stringify}'s string. They collect in a block of {@value #BLOCK}
 * characters kept per thread between calls; a full block becomes a string of its own (compacted to Latin-1 when it
 * can be, a vectorized copy), and the blocks are joined once at the end into a string of the exact length. So a
 * small document allocates its string and nothing else, and a large one about twice its size, never a doubling
 * buffer. A nested call on the same thread (a value's {@code toString} calling {@code stringify}) finds no block
 * kept and makes its own.
 */
final class OutputChars extends Writer {
    static final int BLOCK = 16 * 1024;
    private static final ThreadLocal<char @Nullable []> SPARE = new ThreadLocal<>();

    private final char[] block;
    private int length;
    private @Nullable ArrayList<String> full;

    OutputChars() {
        char[] spare = SPARE.get();
        SPARE.set(null);
        block = spare != null ? spare : new char[BLOCK];
    }

    @Override
    public void write(char[] buf, int off, int len) {
        while (len > 0) {
            int n = Math.min(len, BLOCK - length);
            System.arraycopy(buf, off, block, length, n);
            length += n;
            off += n;
            len -= n;
            if (length == BLOCK) {
                spill();
            }
        }
    }

    @Override
    public void write(String s, int off, int len) {
        while (len > 0) {
            int n = Math.min(len, BLOCK - length);
            s.getChars(off, off + n, block, length);
            length += n;
            off += n;
            len -= n;
            if (length == BLOCK) {
                spill();
            }
        }
    }

    @Override
    public void write(int c) {
        block[length++] = (char) c;
        if (length == BLOCK) {
            spill();
        }
    }

    private void spill() {
        if (full == null) {
            full = new ArrayList<>();
        }
        full.add(new String(block, 0, length));
        length = 0;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    /** The text written; the block goes back to the thread for its next call. */
    String take() {
        String last = new String(block, 0, length);
        SPARE.set(block);
        if (full == null) {
            return last;
        }
        full.add(last);
        return String.join("", full); // sizes the result once, Latin-1 when every block is
    }
}
