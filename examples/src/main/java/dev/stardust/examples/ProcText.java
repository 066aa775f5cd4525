package dev.stardust.examples;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * One {@code /proc} file read whole into a reused byte array and walked field by field without regular expressions
 * or a String per line: a scrape reads half a dozen of these every second, and in the agent's interpreted,
 * low-footprint profile {@code String.split} was most of a scrape's cost. ASCII only, as {@code /proc} is.
 * Not thread-safe.
 */
final class ProcText {
    private byte[] buf = new byte[8192];
    private int length;
    private int pos;

    /** Reads {@code path} whole; false (and empty) when it cannot be read. */
    boolean load(String path) {
        length = 0;
        pos = 0;
        try (FileInputStream in = new FileInputStream(path)) {
            while (true) {
                if (length == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int n = in.read(buf, length, buf.length - length);
                if (n < 0) {
                    return true;
                }
                length += n;
            }
        } catch (IOException | SecurityException e) {
            length = 0;
            return false;
        }
    }

    /** Whether every byte has been walked. */
    boolean atEnd() {
        return pos >= length;
    }

    /** Whether the current line has no more fields. */
    boolean atEol() {
        skipBlanks();
        return pos >= length || buf[pos] == '\n';
    }

    /** Moves to the start of the next line. */
    void nextLine() {
        while (pos < length && buf[pos] != '\n') {
            pos++;
        }
        if (pos < length) {
            pos++;
        }
    }

    /** Whether the current position starts with {@code prefix}. */
    boolean startsWith(String prefix) {
        if (pos + prefix.length() > length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (buf[pos + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void skipBlanks() {
        while (pos < length && (buf[pos] == ' ' || buf[pos] == '\t')) {
            pos++;
        }
    }

    /** The next field of the line, ended by a blank, a newline, or any of {@code stops} (consumed); "" at the end. */
    String field(char stop) {
        skipBlanks();
        int start = pos;
        while (pos < length && buf[pos] != ' ' && buf[pos] != '\t' && buf[pos] != '\n' && buf[pos] != stop) {
            pos++;
        }
        String s = new String(buf, start, pos - start, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (pos < length && buf[pos] == stop) {
            pos++;
        }
        return s;
    }

    /** The rest of the current line, without its newline; the position stays at the newline. */
    String line() {
        int start = pos;
        while (pos < length && buf[pos] != '\n') {
            pos++;
        }
        return new String(buf, start, pos - start, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The whole text, in one copy. */
    String all() {
        return new String(buf, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Back to the first byte. */
    void rewind() {
        pos = 0;
    }

    /** The next blank-separated field. */
    String field() {
        return field(' ');
    }

    /** The next field as a non-negative decimal integer; -1 when it is not one (the field is skipped). */
    long number() {
        skipBlanks();
        long value = 0;
        int start = pos;
        while (pos < length && buf[pos] >= '0' && buf[pos] <= '9') {
            value = value * 10 + (buf[pos] - '0');
            pos++;
        }
        if (pos == start || (pos < length && buf[pos] != ' ' && buf[pos] != '\t' && buf[pos] != '\n')) {
            field();
            return -1;
        }
        return value;
    }
}
