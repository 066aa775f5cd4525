package dev.stardust.json.internal;

import java.io.Writer;
import java.util.Arrays;

/**
 * The characters a generator writes, in one array that doubles as it fills, for {@code stringify}'s string: the
 * generator buffers in front of it, so writes come in blocks of a few KB. Unlike a {@code StringBuilder} it does not
 * check each character for Latin-1 as it appends; the string is made (and compacted, a vectorized copy) once.
 */
final class OutputChars extends Writer {
    private static final char[] EMPTY = new char[0];

    private char[] chars = EMPTY;
    private int length;

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
            chars = Arrays.copyOf(chars, length == 0 ? needed : Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8,
                    chars.length * 2L)));
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }
}
