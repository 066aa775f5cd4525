package dev.stardust;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable run of bytes, node's {@code Buffer} without the reference counting: the bytes a socket read, a
 * body to send, a datagram. Because it never changes, slicing and sending it copy nothing, and a Buffer can be
 * kept, shared or handed to any thread without care. Creating one from a caller's array copies it
 * ({@link #from(byte[])}) unless the caller promises not to modify it ({@link #wrap(byte[])}).
 */
public final class Buffer implements Comparable<Buffer> {
    /** The empty buffer. */
    public static final Buffer EMPTY = new Buffer(new byte[0], 0, 0);

    private final byte[] bytes;
    private final int offset;
    private final int length;
    private int hash;

    private Buffer(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    /** A buffer holding a copy of {@code bytes} (node's {@code Buffer.from(array)}). */
    public static Buffer from(byte[] bytes) {
        return from(bytes, 0, bytes.length);
    }

    /** A buffer holding a copy of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static Buffer from(byte[] bytes, int offset, int length) {
        checkRange(bytes.length, offset, length);
        return length == 0 ? EMPTY : new Buffer(Arrays.copyOfRange(bytes, offset, offset + length), 0, length);
    }

    /** A buffer of {@code text} encoded as UTF-8 (node's {@code Buffer.from(string)}). */
    public static Buffer from(String text) {
        return wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A buffer of {@code text} encoded with {@code charset} (node's {@code Buffer.from(string, encoding)}). */
    public static Buffer from(String text, Charset charset) {
        return wrap(text.getBytes(charset));
    }

    /** A buffer holding a copy of the remaining bytes of {@code source}, which is left unchanged. */
    public static Buffer from(ByteBuffer source) {
        byte[] copy = new byte[source.remaining()];
        source.duplicate().get(copy);
        return wrap(copy);
    }

    /**
     * A buffer over {@code bytes} without copying them: the caller hands the array over and must never modify it
     * again, or the buffer (and every slice of it) changes under its readers.
     */
    public static Buffer wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Buffer(bytes, 0, bytes.length);
    }

    /** A buffer of {@code size} zero bytes (node's {@code Buffer.alloc(size)}). */
    public static Buffer alloc(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
        return wrap(new byte[size]);
    }

    /** The buffers one after the other, in one new buffer (node's {@code Buffer.concat}). */
    public static Buffer concat(List<Buffer> buffers) {
        long total = 0;
        for (Buffer b : buffers) {
            total += b.length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("concatenated length " + total + " exceeds the maximum buffer size");
        }
        if (buffers.size() == 1) {
            return buffers.get(0);
        }
        byte[] out = new byte[(int) total];
        int at = 0;
        for (Buffer b : buffers) {
            System.arraycopy(b.bytes, b.offset, out, at, b.length);
            at += b.length;
        }
        return wrap(out);
    }

    /** This buffer followed by {@code other}, in a new buffer. */
    public Buffer concat(Buffer other) {
        return concat(List.of(this, other));
    }

    /** The number of bytes (node's {@code buf.length}). */
    public int length() {
        return length;
    }

    /** Whether the buffer holds no bytes. */
    public boolean isEmpty() {
        return length == 0;
    }

    /** The byte at {@code index} as an unsigned value 0..255, as node's {@code buf[index]} reads it. */
    public int get(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " outside a buffer of length " + length);
        }
        return bytes[offset + index] & 0xff;
    }

    /** The bytes from {@code start} to {@code end} (exclusive), sharing this buffer's memory (node's {@code subarray}). */
    public Buffer slice(int start, int end) {
        if (start < 0 || end > length || start > end) {
            throw new IndexOutOfBoundsException("slice(" + start + ", " + end + ") of a buffer of length " + length);
        }
        if (start == 0 && end == length) {
            return this;
        }
        return start == end ? EMPTY : new Buffer(bytes, offset + start, end - start);
    }

    /** The bytes from {@code start} to the end, sharing this buffer's memory. */
    public Buffer slice(int start) {
        return slice(start, length);
    }

    /** The index of the first {@code value} at or after {@code from}, or -1 (node's {@code buf.indexOf(byte)}). */
    public int indexOf(byte value, int from) {
        for (int i = Math.max(0, from); i < length; i++) {
            if (bytes[offset + i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** A new array holding a copy of the bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    /** A read-only view of the bytes, copying nothing. */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(bytes, offset, length).slice().asReadOnlyBuffer();
    }

    /** Writes the bytes to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, offset, length);
    }

    /** The bytes decoded as UTF-8, malformed sequences replaced (node's {@code buf.toString()}). */
    @Override
    public String toString() {
        return toString(StandardCharsets.UTF_8);
    }

    /** The bytes decoded with {@code charset} (node's {@code buf.toString(encoding)}). */
    public String toString(Charset charset) {
        return new String(bytes, offset, length, charset);
    }

    /** The bytes as lower-case hexadecimal (node's {@code buf.toString('hex')}). */
    public String toHex() {
        StringBuilder sb = new StringBuilder(length * 2);
        for (int i = 0; i < length; i++) {
            int b = bytes[offset + i] & 0xff;
            sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    /** Equal when both hold the same bytes (node's {@code buf.equals(other)}). */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Buffer other) || other.length != length) {
            return false;
        }
        return Arrays.equals(bytes, offset, offset + length, other.bytes, other.offset, other.offset + length);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0 && length > 0) {
            h = 1;
            for (int i = 0; i < length; i++) {
                h = 31 * h + bytes[offset + i];
            }
            hash = h;
        }
        return h;
    }

    /** Compares bytes as unsigned values, then lengths (node's {@code Buffer.compare}). */
    @Override
    public int compareTo(Buffer other) {
        return Arrays.compareUnsigned(bytes, offset, offset + length, other.bytes, other.offset,
                other.offset + other.length);
    }

    private static void checkRange(int size, int offset, int length) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + offset + "+" + length + ") of " + size);
        }
    }
}
