package dev.stardust.internal;

import dev.stardust.StardustException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * Fixed-width numbers in a byte array, big- or little-endian, with node's range errors for the offset and the
 * value: {@code ERR_BUFFER_OUT_OF_BOUNDS} when the buffer is shorter than the number, {@code ERR_OUT_OF_RANGE} when
 * the offset or the value is outside what fits. {@code Buffer}'s reads and {@code BufferWriter}'s writes share it.
 */
public final class ByteFields {
    /** 16-bit units, big-endian. */
    public static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    /** 16-bit units, little-endian. */
    public static final VarHandle SHORT_LE =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    /** 32-bit units, big-endian. */
    public static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    /** 32-bit units, little-endian. */
    public static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** 64-bit units, big-endian. */
    public static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** 64-bit units, little-endian. */
    public static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private ByteFields() {
    }

    /**
     * Checks that {@code width} bytes at {@code offset} lie within {@code length} bytes, as node checks the offset
     * of {@code buf.readUInt16BE(offset)} and its kin.
     *
     * @throws StardustException {@code ERR_BUFFER_OUT_OF_BOUNDS} when {@code length < width}, else
     *     {@code ERR_OUT_OF_RANGE} when the offset is outside {@code 0..length - width}
     */
    public static void checkOffset(int length, int offset, int width) {
        if (offset >= 0 && offset <= length - width) {
            return;
        }
        if (length < width) {
            throw new StardustException("ERR_BUFFER_OUT_OF_BOUNDS", "Attempt to access memory outside buffer bounds");
        }
        throw outOfRange("offset", ">= 0 and <= " + (length - width), Integer.toString(offset));
    }

    /**
     * Checks that an integer {@code value} lies in {@code min..max}, as node checks the value of
     * {@code buf.writeUInt16BE(value, offset)} and its kin.
     *
     * @throws StardustException {@code ERR_OUT_OF_RANGE} when it does not
     */
    public static void checkValue(long value, long min, long max) {
        if (value < min || value > max) {
            throw outOfRange("value", ">= " + min + " and <= " + max, Long.toString(value));
        }
    }

    /**
     * The low 64 bits of {@code value}, once it is checked to lie in {@code 0..2^64 - 1} as node checks the value of
     * {@code buf.writeBigUInt64BE(value, offset)}.
     *
     * @throws StardustException {@code ERR_OUT_OF_RANGE} when it does not
     */
    public static long unsigned64(BigInteger value) {
        if (value.signum() < 0 || value.compareTo(TWO_TO_64) >= 0) {
            throw outOfRange("value", ">= 0n and < 2n ** 64n", value + "n");
        }
        return value.longValue();
    }

    /** The unsigned value of the 64 bits of {@code bits} (node's {@code BigInt} from {@code readBigUInt64BE}). */
    public static BigInteger unsigned64(long bits) {
        BigInteger value = BigInteger.valueOf(bits);
        return bits >= 0 ? value : value.add(TWO_TO_64);
    }

    private static StardustException outOfRange(String name, String range, String received) {
        return new StardustException("ERR_OUT_OF_RANGE",
                "The value of \"" + name + "\" is out of range. It must be " + range + ". Received " + received);
    }
}
