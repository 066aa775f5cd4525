package dev.stardust;

import static dev.stardust.internal.ByteFields.INT_BE;
import static dev.stardust.internal.ByteFields.INT_LE;
import static dev.stardust.internal.ByteFields.LONG_BE;
import static dev.stardust.internal.ByteFields.LONG_LE;
import static dev.stardust.internal.ByteFields.SHORT_BE;
import static dev.stardust.internal.ByteFields.SHORT_LE;

import dev.stardust.internal.ByteFields;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;

/**
 * A fixed number of bytes to write numbers into, ending in an immutable {@link Buffer}: node's
 * {@code Buffer.alloc(size)} followed by {@code buf.writeUInt16BE(value, offset)} and its kin, split in two because a
 * Buffer never changes. Made by {@link Buffer#writer(int)}, zero-filled.
 *
 * <p>Each write puts a number at an offset and returns the offset just past it, as node's do, so that writes chain:
 * {@code w.writeUInt32BE(length, w.writeUInt8(type, 0))}. As in node, a value outside the type's range fails with
 * {@code ERR_OUT_OF_RANGE} (the value is checked before the offset), an offset outside the writer with
 * {@code ERR_OUT_OF_RANGE}, and a number wider than the whole writer with {@code ERR_BUFFER_OUT_OF_BOUNDS}; nothing
 * is written when a write fails. {@link #toBuffer()} hands the bytes over without copying and ends the writer.
 *
 * <p>Not thread-safe: one thread writes, then shares the Buffer.
 */
public final class BufferWriter {
    private final byte[] bytes;
    private boolean ended;

    BufferWriter(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The number of bytes, as given to {@link Buffer#writer(int)} (node's {@code buf.length}). */
    public int length() {
        return bytes.length;
    }

    /**
     * The bytes written, as a Buffer that shares them: the writer ends, and any later write throws
     * {@link IllegalStateException}, so that the Buffer stays immutable.
     */
    public Buffer toBuffer() {
        ended = true;
        return Buffer.wrap(bytes);
    }

    /**
     * Copies {@code source} to {@code offset} and returns {@code offset + source.length()} (node's
     * {@code source.copy(buf, offset)}, except that a source that does not fit fails instead of being cut short).
     */
    public int write(Buffer source, int offset) {
        source.copyTo(bytes, at(offset, source.length()));
        return offset + source.length();
    }

    /** Writes {@code value}, 0..255, at {@code offset} (node's {@code buf.writeUInt8(value, offset)}). */
    public int writeUInt8(int value, int offset) {
        ByteFields.checkValue(value, 0, 0xff);
        bytes[at(offset, 1)] = (byte) value;
        return offset + 1;
    }

    /** Writes {@code value}, -128..127, at {@code offset} (node's {@code buf.writeInt8(value, offset)}). */
    public int writeInt8(int value, int offset) {
        ByteFields.checkValue(value, Byte.MIN_VALUE, Byte.MAX_VALUE);
        bytes[at(offset, 1)] = (byte) value;
        return offset + 1;
    }

    /** Writes {@code value}, 0..65535, big-endian at {@code offset} (node's {@code buf.writeUInt16BE}). */
    public int writeUInt16BE(int value, int offset) {
        ByteFields.checkValue(value, 0, 0xffff);
        return put16(SHORT_BE, value, offset);
    }

    /** Writes {@code value}, 0..65535, little-endian at {@code offset} (node's {@code buf.writeUInt16LE}). */
    public int writeUInt16LE(int value, int offset) {
        ByteFields.checkValue(value, 0, 0xffff);
        return put16(SHORT_LE, value, offset);
    }

    /** Writes {@code value}, -32768..32767, big-endian at {@code offset} (node's {@code buf.writeInt16BE}). */
    public int writeInt16BE(int value, int offset) {
        ByteFields.checkValue(value, Short.MIN_VALUE, Short.MAX_VALUE);
        return put16(SHORT_BE, value, offset);
    }

    /** Writes {@code value}, -32768..32767, little-endian at {@code offset} (node's {@code buf.writeInt16LE}). */
    public int writeInt16LE(int value, int offset) {
        ByteFields.checkValue(value, Short.MIN_VALUE, Short.MAX_VALUE);
        return put16(SHORT_LE, value, offset);
    }

    /** Writes {@code value}, 0..2^32-1, big-endian at {@code offset} (node's {@code buf.writeUInt32BE}). */
    public int writeUInt32BE(long value, int offset) {
        ByteFields.checkValue(value, 0, 0xffff_ffffL);
        return put32(INT_BE, (int) value, offset);
    }

    /** Writes {@code value}, 0..2^32-1, little-endian at {@code offset} (node's {@code buf.writeUInt32LE}). */
    public int writeUInt32LE(long value, int offset) {
        ByteFields.checkValue(value, 0, 0xffff_ffffL);
        return put32(INT_LE, (int) value, offset);
    }

    /** Writes {@code value} big-endian at {@code offset} (node's {@code buf.writeInt32BE}; every int fits). */
    public int writeInt32BE(int value, int offset) {
        return put32(INT_BE, value, offset);
    }

    /** Writes {@code value} little-endian at {@code offset} (node's {@code buf.writeInt32LE}; every int fits). */
    public int writeInt32LE(int value, int offset) {
        return put32(INT_LE, value, offset);
    }

    /** Writes {@code value} big-endian at {@code offset} (node's {@code buf.writeBigInt64BE}; every long fits). */
    public int writeBigInt64BE(long value, int offset) {
        return put64(LONG_BE, value, offset);
    }

    /** Writes {@code value} little-endian at {@code offset} (node's {@code buf.writeBigInt64LE}; every long fits). */
    public int writeBigInt64LE(long value, int offset) {
        return put64(LONG_LE, value, offset);
    }

    /**
     * Writes {@code value}, 0..2^64-1, big-endian at {@code offset} (node's {@code buf.writeBigUInt64BE}); to write
     * the bits of a {@code long} taken as unsigned, use {@link #writeBigInt64BE(long, int)}.
     */
    public int writeBigUInt64BE(BigInteger value, int offset) {
        return put64(LONG_BE, ByteFields.unsigned64(value), offset);
    }

    /** Writes {@code value}, 0..2^64-1, little-endian at {@code offset} (node's {@code buf.writeBigUInt64LE}). */
    public int writeBigUInt64LE(BigInteger value, int offset) {
        return put64(LONG_LE, ByteFields.unsigned64(value), offset);
    }

    /** Writes {@code value} as a big-endian IEEE 754 float at {@code offset} (node's {@code buf.writeFloatBE}). */
    public int writeFloatBE(float value, int offset) {
        return put32(INT_BE, Float.floatToRawIntBits(value), offset);
    }

    /** Writes {@code value} as a little-endian IEEE 754 float at {@code offset} (node's {@code buf.writeFloatLE}). */
    public int writeFloatLE(float value, int offset) {
        return put32(INT_LE, Float.floatToRawIntBits(value), offset);
    }

    /** Writes {@code value} as a big-endian IEEE 754 double at {@code offset} (node's {@code buf.writeDoubleBE}). */
    public int writeDoubleBE(double value, int offset) {
        return put64(LONG_BE, Double.doubleToRawLongBits(value), offset);
    }

    /** Writes {@code value} as a little-endian IEEE 754 double at {@code offset} (node's {@code buf.writeDoubleLE}). */
    public int writeDoubleLE(double value, int offset) {
        return put64(LONG_LE, Double.doubleToRawLongBits(value), offset);
    }

    private int put16(VarHandle order, int value, int offset) {
        order.set(bytes, at(offset, 2), (short) value);
        return offset + 2;
    }

    private int put32(VarHandle order, int value, int offset) {
        order.set(bytes, at(offset, 4), value);
        return offset + 4;
    }

    private int put64(VarHandle order, long value, int offset) {
        order.set(bytes, at(offset, 8), value);
        return offset + 8;
    }

    private int at(int offset, int width) {
        if (ended) {
            throw new IllegalStateException("the writer ended with toBuffer()");
        }
        ByteFields.checkOffset(bytes.length, offset, width);
        return offset;
    }
}
