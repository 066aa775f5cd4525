package dev.stardust.json.internal;

import java.io.Writer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The characters a generator writes, for {@code stringify}'s string: collected in an array kept per thread between
 * calls (up to {@value #KEPT} characters), so that a call allocates the string it returns and little else. Unlike a
 * {@code StringBuilder} it does not check each character for Latin-1 as it appends; the string is made (and
 * compacted, a vectorized copy) once. A nested call on the same thread (a value's {@code toString} calling
 * {@code stringify}) finds no array kept and makes its own.
 */
final class OutputChars extends Writer {
    /** The largest array kept for the next call: 1 MB; larger documents allocate their own. */
    static final int KEPT = 512 * 1024;
    private static final ThreadLocal<char @Nullable []> SPARE = new ThreadLocal<>();

    private char[] chars;
    private int length;

    OutputChars() {
        char[] spare = SPARE.get();
        if (spare != null) {
            SPARE.set(null);
            chars = spare;
        } else {
            chars = new char[4096];
        }
    }

    @Override
    public void write(char[] buf, int off, int len) {
        ensure(len);
        System.arraycopy(buf, off, chars, length, len);
        length += len;
    }

    @Override
    public void write(String s, int off, int len) {
        ensure(len);
        s.getChars(off, off + len, chars, length);
        length += len;
    }

    @Override
    public void write(int c) {
        ensure(1);
        chars[length++] = (char) c;
    }

    private void ensure(int more) {
        int needed = length + more;
        if (needed > chars.length) {
            if (needed < 0) {
                throw new OutOfMemoryError("JSON output longer than 2 G characters");
            }
            chars = Arrays.copyOf(chars, Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8, chars.length * 2L)));
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    /** The text written; the array goes back to the thread for its next call. */
    String take() {
        String s = new String(chars, 0, length);
        if (chars.length <= KEPT) {
            SPARE.set(chars);
        }
        return s;
    }
}
