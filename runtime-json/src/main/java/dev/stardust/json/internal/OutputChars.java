package dev.stardust.json.internal;

import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The characters a generator writes, for {@code stringify}'s string. They collect in one array kept per thread
 * between calls, which grows up to {@value #KEPT} characters; so a document up to that size allocates its string
 * and nothing else (made and compacted to Latin-1 when it can be, a vectorized copy, once). Beyond, each full array
 * becomes a string of its own and they are joined once at the end into a string of the exact length: a large
 * document allocates about twice its size, never a doubling buffer. A nested call on the same thread (a value's
 * {@code toString} calling {@code stringify}) finds no array kept and makes its own.
 */
final class OutputChars extends Writer {
    /** The largest array: 1 MB of characters, kept for the thread's next call. */
    static final int KEPT = 512 * 1024;
    private static final ThreadLocal<char @Nullable []> SPARE = new ThreadLocal<>();

    private char[] chars;
    private int length;
    private @Nullable ArrayList<String> full;

    OutputChars() {
        char[] spare = SPARE.get();
        SPARE.set(null);
        chars = spare != null ? spare : new char[4096];
    }

    @Override
    public void write(char[] buf, int off, int len) {
        while (len > 0) {
            int n = room(len);
            System.arraycopy(buf, off, chars, length, n);
            length += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void write(String s, int off, int len) {
        while (len > 0) {
            int n = room(len);
            s.getChars(off, off + n, chars, length);
            length += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void write(int c) {
        room(1);
        chars[length++] = (char) c;
    }

    /** Makes room for up to {@code wanted} characters (growing the array, or spilling it once at its largest). */
    private int room(int wanted) {
        if (length == chars.length) {
            if (chars.length < KEPT) {
                chars = Arrays.copyOf(chars, Math.min(KEPT, Math.max(chars.length * 2, length + wanted)));
            } else {
                if (full == null) {
                    full = new ArrayList<>();
                }
                full.add(new String(chars, 0, length));
                length = 0;
            }
        }
        return Math.min(wanted, chars.length - length);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    /** The text written; the array goes back to the thread for its next call. */
    String take() {
        String last = new String(chars, 0, length);
        SPARE.set(chars);
        if (full == null) {
            return last;
        }
        full.add(last);
        return String.join("", full); // sizes the result once, Latin-1 when every part is
    }
}
