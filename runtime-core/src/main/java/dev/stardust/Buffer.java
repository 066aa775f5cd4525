package dev.stardust;

import static dev.stardust.internal.ByteFields.INT_BE;
import static dev.stardust.internal.ByteFields.INT_LE;
import static dev.stardust.internal.ByteFields.LONG_BE;
import static dev.stardust.internal.ByteFields.LONG_LE;
import static dev.stardust.internal.ByteFields.SHORT_BE;
import static dev.stardust.internal.ByteFields.SHORT_LE;

import dev.stardust.internal.ByteFields;
import dev.stardust.internal.ByteSearch;
import dev.stardust.internal.Encoding;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable run of bytes, node's {@code Buffer} without the reference counting: the bytes a socket read, a
 * body to send, a datagram. Because it never changes, slicing and sending it copy nothing, and a Buffer can be
 * kept, shared or handed to any thread without care. Creating one from a caller's array copies it
 * ({@link #from(byte[])}) unless the caller promises not to modify it ({@link #wrap(byte[])}).
 *
 * <p>It speaks node's encodings by name, both ways ({@link #from(String, String)}, {@link #toString(String)}):
 * {@code utf8}, {@code utf16le}, {@code latin1} (or {@code binary}), {@code ascii}, {@code hex}, {@code base64} and
 * {@code base64url}, with node's rules for input that does not fit (see {@link #from(String, String)}); an unknown
 * name fails with node's {@code ERR_UNKNOWN_ENCODING}. It reads numbers as node's {@code buf.readUInt16BE(offset)}
 * and its kin do, failing with {@code ERR_OUT_OF_RANGE} when the offset is outside the buffer (or
 * {@code ERR_BUFFER_OUT_OF_BOUNDS} when the buffer is shorter than the number); a {@link BufferWriter} writes them
 * and ends in a new Buffer. It searches ({@link #indexOf(Buffer, int)}, {@link #lastIndexOf(Buffer, int)},
 * {@link #includes(Buffer)}) and orders ({@link #compare(Buffer, Buffer)}) by bytes, as node does, and two buffers
 * are equal when their bytes are.
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

    /**
     * A buffer of {@code text} encoded as UTF-8, each unpaired surrogate as U+FFFD (node's
     * {@code Buffer.from(string)}).
     */
    public static Buffer from(String text) {
        return wrap(Encoding.UTF8.encode(text));
    }

    /**
     * A buffer of {@code text} in node's {@code encoding} (node's {@code Buffer.from(string, encoding)}), named in any
     * letter case; the empty name means {@code utf8}, as in node. Text that does not fit is read as node reads it:
     * {@code latin1}, {@code binary} and {@code ascii} keep the low byte of each UTF-16 unit; {@code hex} stops at
     * the first pair that is not two hexadecimal digits (and drops an odd last digit); {@code base64} and
     * {@code base64url} accept either alphabet, skip whitespace and any other character outside it, take padding or
     * none, and stop at the first {@code '='}; {@code utf8} writes an unpaired surrogate as U+FFFD.
     *
     * @throws StardustException {@code ERR_UNKNOWN_ENCODING} when node does not know {@code encoding}
     */
    public static Buffer from(String text, String encoding) {
        return wrap((encoding.isEmpty() ? Encoding.UTF8 : Encoding.of(encoding)).encode(text));
    }

    /** A buffer of {@code text} encoded with a JDK {@code charset}, by the JDK's rules for what does not fit. */
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

    /**
     * A buffer of {@code size} zero bytes (node's {@code Buffer.alloc(size)}).
     *
     * @throws StardustException {@code ERR_OUT_OF_RANGE} when {@code size} is negative
     */
    public static Buffer alloc(int size) {
        return wrap(new byte[checkSize(size)]);
    }

    /**
     * A writer of {@code size} zero bytes, for building a buffer by node's {@code buf.writeUInt16BE(value, offset)}
     * and its kin (node's {@code Buffer.alloc(size)} followed by writes); {@link BufferWriter#toBuffer()} ends it.
     *
     * @throws StardustException {@code ERR_OUT_OF_RANGE} when {@code size} is negative
     */
    public static BufferWriter writer(int size) {
        return new BufferWriter(new byte[checkSize(size)]);
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

    /**
     * The index of the first occurrence of {@code value} (node's {@code buf.indexOf(value)}); the empty value is
     * found at 0.
     */
    public int indexOf(Buffer value) {
        return search(value, 0, true);
    }

    /**
     * The index of the first occurrence of {@code value} at or after {@code byteOffset}, or -1 (node's
     * {@code buf.indexOf(value, byteOffset)}). A negative offset counts from the end, and one before the start means
     * the whole buffer; the empty value is found at the offset, or at the length when the offset is past it.
     */
    public int indexOf(Buffer value, int byteOffset) {
        return search(value, byteOffset, true);
    }

    /** The index of the first occurrence of {@code value}'s UTF-8 bytes, or -1 (node's {@code buf.indexOf(string)}). */
    public int indexOf(String value) {
        return search(from(value), 0, true);
    }

    /**
     * The index of the first occurrence of {@code value}'s UTF-8 bytes at or after {@code byteOffset}, or -1 (node's
     * {@code buf.indexOf(string, byteOffset)}); the offset reads as in {@link #indexOf(Buffer, int)}.
     */
    public int indexOf(String value, int byteOffset) {
        return search(from(value), byteOffset, true);
    }

    /**
     * The index of the first byte equal to {@code value} at or after {@code byteOffset}, or -1 (node's
     * {@code buf.indexOf(byte, byteOffset)}); the offset reads as in {@link #indexOf(Buffer, int)}.
     */
    public int indexOf(byte value, int byteOffset) {
        return search(wrap(new byte[] {value}), byteOffset, true);
    }

    /** The index of the last occurrence of {@code value}, or -1 (node's {@code buf.lastIndexOf(value)}). */
    public int lastIndexOf(Buffer value) {
        return search(value, length, false);
    }

    /**
     * The index of the last occurrence of {@code value} that starts at or before {@code byteOffset}, or -1 (node's
     * {@code buf.lastIndexOf(value, byteOffset)}). A negative offset counts from the end; one before the start finds
     * nothing but the empty value (at 0), and one past the end means the whole buffer.
     */
    public int lastIndexOf(Buffer value, int byteOffset) {
        return search(value, byteOffset, false);
    }

    /** The index of the last occurrence of {@code value}'s UTF-8 bytes, or -1 (node's {@code buf.lastIndexOf(string)}). */
    public int lastIndexOf(String value) {
        return search(from(value), length, false);
    }

    /**
     * The index of the last occurrence of {@code value}'s UTF-8 bytes that starts at or before {@code byteOffset}, or
     * -1 (node's {@code buf.lastIndexOf(string, byteOffset)}); the offset reads as in {@link #lastIndexOf(Buffer, int)}.
     */
    public int lastIndexOf(String value, int byteOffset) {
        return search(from(value), byteOffset, false);
    }

    /**
     * The index of the last byte equal to {@code value} at or before {@code byteOffset}, or -1 (node's
     * {@code buf.lastIndexOf(byte, byteOffset)}); the offset reads as in {@link #lastIndexOf(Buffer, int)}.
     */
    public int lastIndexOf(byte value, int byteOffset) {
        return search(wrap(new byte[] {value}), byteOffset, false);
    }

    /** Whether {@code value} occurs in this buffer (node's {@code buf.includes(value)}). */
    public boolean includes(Buffer value) {
        return indexOf(value) >= 0;
    }

    /** Whether {@code value}'s UTF-8 bytes occur in this buffer (node's {@code buf.includes(string)}). */
    public boolean includes(String value) {
        return indexOf(value) >= 0;
    }

    /** The unsigned byte at {@code offset}, 0..255 (node's {@code buf.readUInt8(offset)}; errors as the class says). */
    public int readUInt8(int offset) {
        return bytes[at(offset, 1)] & 0xff;
    }

    /** The signed byte at {@code offset}, -128..127 (node's {@code buf.readInt8(offset)}). */
    public int readInt8(int offset) {
        return bytes[at(offset, 1)];
    }

    /** The unsigned 16-bit big-endian integer at {@code offset} (node's {@code buf.readUInt16BE(offset)}). */
    public int readUInt16BE(int offset) {
        return Short.toUnsignedInt((short) SHORT_BE.get(bytes, at(offset, 2)));
    }

    /** The unsigned 16-bit little-endian integer at {@code offset} (node's {@code buf.readUInt16LE(offset)}). */
    public int readUInt16LE(int offset) {
        return Short.toUnsignedInt((short) SHORT_LE.get(bytes, at(offset, 2)));
    }

    /** The signed 16-bit big-endian integer at {@code offset} (node's {@code buf.readInt16BE(offset)}). */
    public int readInt16BE(int offset) {
        return (short) SHORT_BE.get(bytes, at(offset, 2));
    }

    /** The signed 16-bit little-endian integer at {@code offset} (node's {@code buf.readInt16LE(offset)}). */
    public int readInt16LE(int offset) {
        return (short) SHORT_LE.get(bytes, at(offset, 2));
    }

    /** The unsigned 32-bit big-endian integer at {@code offset} (node's {@code buf.readUInt32BE(offset)}). */
    public long readUInt32BE(int offset) {
        return Integer.toUnsignedLong((int) INT_BE.get(bytes, at(offset, 4)));
    }

    /** The unsigned 32-bit little-endian integer at {@code offset} (node's {@code buf.readUInt32LE(offset)}). */
    public long readUInt32LE(int offset) {
        return Integer.toUnsignedLong((int) INT_LE.get(bytes, at(offset, 4)));
    }

    /** The signed 32-bit big-endian integer at {@code offset} (node's {@code buf.readInt32BE(offset)}). */
    public int readInt32BE(int offset) {
        return (int) INT_BE.get(bytes, at(offset, 4));
    }

    /** The signed 32-bit little-endian integer at {@code offset} (node's {@code buf.readInt32LE(offset)}). */
    public int readInt32LE(int offset) {
        return (int) INT_LE.get(bytes, at(offset, 4));
    }

    /** The signed 64-bit big-endian integer at {@code offset} (node's {@code buf.readBigInt64BE(offset)}). */
    public long readBigInt64BE(int offset) {
        return (long) LONG_BE.get(bytes, at(offset, 8));
    }

    /** The signed 64-bit little-endian integer at {@code offset} (node's {@code buf.readBigInt64LE(offset)}). */
    public long readBigInt64LE(int offset) {
        return (long) LONG_LE.get(bytes, at(offset, 8));
    }

    /**
     * The unsigned 64-bit big-endian integer at {@code offset}, 0..2^64-1 (node's {@code buf.readBigUInt64BE(offset)}).
     * A {@code BigInteger}, as node's is a {@code BigInt}: the same bits as a two's-complement {@code long} are what
     * {@link #readBigInt64BE(int)} returns.
     */
    public BigInteger readBigUInt64BE(int offset) {
        return ByteFields.unsigned64((long) LONG_BE.get(bytes, at(offset, 8)));
    }

    /**
     * The unsigned 64-bit little-endian integer at {@code offset}, 0..2^64-1 (node's
     * {@code buf.readBigUInt64LE(offset)}); see {@link #readBigUInt64BE(int)}.
     */
    public BigInteger readBigUInt64LE(int offset) {
        return ByteFields.unsigned64((long) LONG_LE.get(bytes, at(offset, 8)));
    }

    /** The 32-bit big-endian IEEE 754 float at {@code offset} (node's {@code buf.readFloatBE(offset)}). */
    public float readFloatBE(int offset) {
        return Float.intBitsToFloat((int) INT_BE.get(bytes, at(offset, 4)));
    }

    /** The 32-bit little-endian IEEE 754 float at {@code offset} (node's {@code buf.readFloatLE(offset)}). */
    public float readFloatLE(int offset) {
        return Float.intBitsToFloat((int) INT_LE.get(bytes, at(offset, 4)));
    }

    /** The 64-bit big-endian IEEE 754 double at {@code offset} (node's {@code buf.readDoubleBE(offset)}). */
    public double readDoubleBE(int offset) {
        return Double.longBitsToDouble((long) LONG_BE.get(bytes, at(offset, 8)));
    }

    /** The 64-bit little-endian IEEE 754 double at {@code offset} (node's {@code buf.readDoubleLE(offset)}). */
    public double readDoubleLE(int offset) {
        return Double.longBitsToDouble((long) LONG_LE.get(bytes, at(offset, 8)));
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

    /**
     * The bytes decoded as UTF-8, each malformed sequence read as U+FFFD as node reads it (node's
     * {@code buf.toString()}).
     */
    @Override
    public String toString() {
        return Encoding.UTF8.decode(bytes, offset, length);
    }

    /** The bytes decoded with {@code charset}, by the JDK's rules for malformed input. */
    public String toString(Charset charset) {
        return new String(bytes, offset, length, charset);
    }

    /**
     * The bytes as text in node's {@code encoding}, named in any letter case (node's {@code buf.toString(encoding)}):
     * {@code hex} in lower case, {@code base64} padded, {@code base64url} unpadded, {@code ascii} with each byte's
     * high bit cleared, {@code utf16le} without a trailing odd byte, {@code utf8} with each malformed sequence read
     * as U+FFFD.
     *
     * @throws StardustException {@code ERR_UNKNOWN_ENCODING} when node does not know {@code encoding}
     */
    public String toString(String encoding) {
        return Encoding.of(encoding).decode(bytes, offset, length);
    }

    /**
     * The bytes from {@code start} to {@code end} (exclusive) as text in node's {@code encoding} (node's
     * {@code buf.toString(encoding, start, end)}). As in node, the range never fails: it is clamped to the buffer,
     * and an empty or inverted one gives the empty string.
     *
     * @throws StardustException {@code ERR_UNKNOWN_ENCODING} when node does not know {@code encoding}
     */
    public String toString(String encoding, int start, int end) {
        Encoding known = Encoding.of(encoding);
        int from = Math.max(start, 0);
        int to = Math.min(end, length);
        return from >= to ? "" : known.decode(bytes, offset + from, to - from);
    }

    /** The bytes as lower-case hexadecimal (node's {@code buf.toString('hex')}). */
    public String toHex() {
        return Encoding.HEX.decode(bytes, offset, length);
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

    /** A hash of the bytes, consistent with {@link #equals(Object)}. */
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

    /**
     * -1, 0 or 1 as this buffer sorts before, with or after {@code other}: byte by byte as unsigned values, then the
     * shorter first (node's {@code buf.compare(target)}; compare slices for node's ranges). Consistent with
     * {@link #equals(Object)}.
     */
    @Override
    public int compareTo(Buffer other) {
        return Integer.signum(Arrays.compareUnsigned(bytes, offset, offset + length, other.bytes, other.offset,
                other.offset + other.length));
    }

    /**
     * -1, 0 or 1 as {@code a} sorts before, with or after {@code b} (node's {@code Buffer.compare(a, b)}, and as
     * there a comparator: {@code list.sort(Buffer::compare)}).
     */
    public static int compare(Buffer a, Buffer b) {
        return a.compareTo(b);
    }

    /** Copies the bytes into {@code target} at {@code at}; the caller has checked that they fit. */
    void copyTo(byte[] target, int at) {
        System.arraycopy(bytes, offset, target, at, length);
    }

    /** The index into {@code bytes} of {@code width} bytes at {@code offset}, once checked as node checks it. */
    private int at(int offset, int width) {
        ByteFields.checkOffset(length, offset, width);
        return this.offset + offset;
    }

    private int search(Buffer value, int byteOffset, boolean forward) {
        return ByteSearch.search(bytes, offset, length, value.bytes, value.offset, value.length, byteOffset, forward);
    }

    private static int checkSize(int size) {
        if (size < 0) {
            throw new StardustException("ERR_OUT_OF_RANGE",
                    "The value of \"size\" is out of range. It must be >= 0. Received " + size);
        }
        return size;
    }

    private static void checkRange(int size, int offset, int length) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + offset + "+" + length + ") of " + size);
        }
    }
}
