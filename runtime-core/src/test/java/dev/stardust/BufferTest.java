package dev.stardust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Buffer's node surface by example: encodings, numbers, search and order, each also on a slice that does not start
 * at the beginning of its array. {@link BufferNodeTest} checks the same methods against node itself on many inputs.
 */
class BufferTest {

    /** "xx" + {@code hex} + "yy", sliced to {@code hex}: a buffer whose bytes start at offset 2 of their array. */
    private static Buffer sliced(String hex) {
        Buffer whole = Buffer.from("7878" + hex + "7979", "hex");
        return whole.slice(2, whole.length() - 2);
    }

    @Test
    void encodesAndDecodesEveryEncodingByNameInAnyCase() {
        Buffer hello = Buffer.from("hello world");
        assertEquals("68656c6c6f20776f726c64", hello.toString("hex"));
        assertEquals("aGVsbG8gd29ybGQ=", hello.toString("base64"));
        assertEquals("aGVsbG8gd29ybGQ", hello.toString("base64url"));
        assertEquals("-_8", Buffer.from("fbff", "hex").toString("base64url"));
        assertEquals(hello, Buffer.from("aGVsbG8gd29ybGQ=", "BASE64"));
        assertEquals(hello, Buffer.from("68656C6C6F20776F726C64", "Hex"));
        assertEquals("660068007100", Buffer.from("fhq", "utf16le").toHex());
        assertEquals("fhq", Buffer.from("fhq", "ucs2").toString("utf-16le"));
        assertEquals("é", Buffer.from("e9", "hex").toString("latin1"));
        assertEquals("é", Buffer.from("e9", "hex").toString("binary"));
        assertEquals("hello", sliced("68656c6c6f").toString("utf8"));
        assertEquals("aGVsbG8=", sliced("68656c6c6f").toString("base64"));
    }

    @Test
    void malformedInputIsReadAsNodeReadsIt() {
        assertEquals("1a", Buffer.from("1ag", "hex").toHex(), "hex stops at the first pair that is not hex");
        assertEquals("1a", Buffer.from("1a7", "hex").toHex(), "an odd last digit is dropped");
        assertEquals("1634", Buffer.from("1634", "hex").toHex());
        assertEquals("414243", Buffer.from("Q U\nJ\tD", "base64").toHex(), "whitespace is skipped");
        assertEquals("414243", Buffer.from("QU*JD", "base64").toHex(), "so is anything outside the alphabet");
        assertEquals("fbffbf", Buffer.from("-_-_", "base64").toHex(), "either alphabet in either encoding");
        assertEquals("fbffbf", Buffer.from("+/+/", "base64url").toHex());
        assertEquals("41", Buffer.from("QQ", "base64").toHex(), "padding is optional");
        assertEquals("41", Buffer.from("QQ==QQ==", "base64").toHex(), "reading stops at the first '='");
        assertEquals("e9ac00", Buffer.from("é€\u0100", "latin1").toHex(), "the low byte of each UTF-16 unit");
        assertEquals("\u0000\u007fA", Buffer.from("807f41", "hex").toString("ascii"), "ascii clears the high bit");
        assertEquals("efbfbd78", Buffer.from("\uD800x").toHex(), "an unpaired surrogate is written as U+FFFD");
        assertEquals("\uFFFD\uFFFD\uFFFD", Buffer.from("eda080", "hex").toString(), "one U+FFFD per maximal subpart");
        assertEquals("\uFFFDA", Buffer.from("e282", "hex").concat(Buffer.from("A")).toString());
        assertEquals("䉁", Buffer.from("414243", "hex").toString("utf16le"), "utf16le drops an odd last byte");
    }

    @Test
    void anUnknownEncodingFailsWithNodesCode() {
        assertCode("ERR_UNKNOWN_ENCODING", () -> Buffer.from("abc", "utf16"));
        assertCode("ERR_UNKNOWN_ENCODING", () -> Buffer.from("abc").toString("iso-8859-1"));
        assertCode("ERR_UNKNOWN_ENCODING", () -> Buffer.from("abc").toString(""));
        assertCode("ERR_UNKNOWN_ENCODING", () -> Buffer.from("abc").toString("xyz", 5, 1));
        assertEquals(Buffer.from("abc"), Buffer.from("abc", ""), "from() takes the empty name for utf8, as node does");
    }

    @Test
    void toStringOfARangeClampsItAsNodeDoes() {
        Buffer abcdef = sliced("616263646566");
        assertEquals("abc", abcdef.toString("utf8", -1, 3));
        assertEquals("cdef", abcdef.toString("utf8", 2, 100));
        assertEquals("", abcdef.toString("utf8", 4, 2));
        assertEquals("6263", abcdef.toString("hex", 1, 3));
    }

    @Test
    void readsNumbersAtAnOffsetInEitherByteOrder() {
        Buffer b = sliced("ff1234567890abcdef01");
        assertEquals(255, b.readUInt8(0));
        assertEquals(-1, b.readInt8(0));
        assertEquals(0x1234, b.readUInt16BE(1));
        assertEquals(0x3412, b.readUInt16LE(1));
        assertEquals(-238, b.readInt16BE(0));
        assertEquals(0x12ff, b.readInt16LE(0));
        assertEquals(0xff123456L, b.readUInt32BE(0));
        assertEquals(0x563412ffL, b.readUInt32LE(0));
        assertEquals(0xff123456, b.readInt32BE(0));
        assertEquals(0x1234567890abcdefL, b.readBigInt64BE(1));
        assertEquals(0x01efcdab90785634L, b.readBigInt64LE(2));
        Buffer ones = Buffer.from("ffffffffffffffff", "hex");
        assertEquals(-1L, ones.readBigInt64BE(0));
        assertEquals(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), ones.readBigUInt64BE(0));
        assertEquals(BigInteger.valueOf(0x1234567890abcdefL), b.readBigUInt64BE(1));
        assertEquals(1.5f, Buffer.from("3fc00000", "hex").readFloatBE(0));
        assertEquals(1.5f, Buffer.from("0000c03f", "hex").readFloatLE(0));
        assertEquals(Math.PI, Buffer.from("400921fb54442d18", "hex").readDoubleBE(0));
        assertEquals(Math.PI, Buffer.from("182d4454fb210940", "hex").readDoubleLE(0));
    }

    @Test
    void aReadOutsideTheBufferFailsWithNodesCodes() {
        Buffer four = sliced("01020304");
        assertCode("ERR_OUT_OF_RANGE", () -> four.readUInt16BE(3));
        assertCode("ERR_OUT_OF_RANGE", () -> four.readUInt8(-1));
        assertCode("ERR_OUT_OF_RANGE", () -> four.readUInt8(4), "the offset is within the slice, not its array");
        assertCode("ERR_BUFFER_OUT_OF_BOUNDS", () -> four.readDoubleBE(0), "the number is longer than the buffer");
        assertCode("ERR_BUFFER_OUT_OF_BOUNDS", () -> Buffer.EMPTY.readUInt8(0));
    }

    @Test
    void aWriterChainsWritesByTheirReturnedOffsetAndEndsInABuffer() {
        BufferWriter w = Buffer.writer(16);
        int at = w.writeUInt8(1, 0);
        at = w.writeUInt16BE(0xcafe, at);
        at = w.writeInt32LE(-2, at);
        at = w.writeBigUInt64BE(BigInteger.TWO.pow(64).subtract(BigInteger.ONE), at);
        at = w.write(Buffer.from("z"), at);
        assertEquals(16, at);
        assertEquals(16, w.length());
        Buffer b = w.toBuffer();
        assertEquals("01cafefeffffffffffffffffffffff7a", b.toHex());
        assertEquals(0xcafe, b.readUInt16BE(1));
        assertEquals(-2, b.readInt32LE(3));
        assertThrows(IllegalStateException.class, () -> w.writeUInt8(0, 0), "the Buffer must never change");
        assertEquals("01cafefeffffffffffffffffffffff7a", b.toHex());

        BufferWriter f = Buffer.writer(12);
        f.writeDoubleLE(Math.PI, f.writeFloatBE(1.5f, 0));
        assertEquals(1.5f, f.toBuffer().readFloatBE(0));
    }

    @Test
    void aWriteThatDoesNotFitFailsWithNodesCodesAndWritesNothing() {
        BufferWriter w = Buffer.writer(4);
        assertCode("ERR_OUT_OF_RANGE", () -> w.writeUInt8(256, 0));
        assertCode("ERR_OUT_OF_RANGE", () -> w.writeInt8(-129, 0));
        assertCode("ERR_OUT_OF_RANGE", () -> w.writeUInt16LE(-1, 0));
        assertCode("ERR_OUT_OF_RANGE", () -> w.writeInt16BE(32768, 0));
        assertCode("ERR_OUT_OF_RANGE", () -> w.writeUInt32BE(1L << 32, 0));
        assertCode("ERR_OUT_OF_RANGE", () -> w.writeUInt8(256, 9), "the value is checked before the offset");
        assertCode("ERR_OUT_OF_RANGE", () -> w.writeUInt16BE(1, 3));
        assertCode("ERR_OUT_OF_RANGE", () -> w.write(Buffer.from("abc"), 2));
        assertCode("ERR_BUFFER_OUT_OF_BOUNDS", () -> w.writeDoubleBE(1, 0));
        assertCode("ERR_OUT_OF_RANGE", () -> Buffer.writer(8).writeBigUInt64LE(BigInteger.valueOf(-1), 0));
        assertCode("ERR_OUT_OF_RANGE", () -> Buffer.writer(-1));
        assertCode("ERR_OUT_OF_RANGE", () -> Buffer.alloc(-1));
        assertEquals("00000000", w.toBuffer().toHex());
    }

    @Test
    void searchesFindByteSequencesStringsAndBytesFromAnOffset() {
        Buffer b = Buffer.from("this is a buffer");
        assertEquals(0, b.indexOf("this"));
        assertEquals(2, b.indexOf("is"));
        assertEquals(8, b.indexOf(Buffer.from("a buffer")));
        assertEquals(8, b.indexOf((byte) 'a', 0));
        assertEquals(-1, b.indexOf(Buffer.from("a buffer example")));
        assertEquals(8, b.indexOf(Buffer.from("a buffer example").slice(0, 8)));
        assertEquals(5, b.indexOf("is", 3));
        assertEquals(10, b.indexOf("buffer", -6), "a negative offset counts from the end");
        assertEquals(16, b.indexOf("", 99), "the empty value is found at the end when the offset is past it");

        Buffer twice = Buffer.from("this buffer is a buffer");
        assertEquals(0, twice.lastIndexOf("this"));
        assertEquals(17, twice.lastIndexOf("buffer"));
        assertEquals(17, twice.lastIndexOf(Buffer.from("buffer")));
        assertEquals(15, twice.lastIndexOf((byte) 'a', twice.length()));
        assertEquals(-1, twice.lastIndexOf(Buffer.from("yolo")));
        assertEquals(5, twice.lastIndexOf("buffer", 5));
        assertEquals(-1, twice.lastIndexOf("buffer", 4));
        assertTrue(twice.includes("a buf"));
        assertFalse(twice.includes(Buffer.from("bufferz")));

        Buffer middle = sliced("616263616263");
        assertEquals(-1, middle.indexOf("xx"), "a slice does not see the bytes around it");
        assertEquals(-1, middle.lastIndexOf((byte) 'y', 99));
        assertEquals(3, middle.lastIndexOf("abc"));
        assertEquals(5, middle.indexOf("c", 3));
    }

    @Test
    void equalsHashCodeAndCompareGoByContent() {
        Buffer a = sliced("616263");
        Buffer b = Buffer.from("abc");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Buffer.from("abd"));
        assertEquals(0, a.compareTo(b));
        assertEquals(-1, Buffer.compare(Buffer.from("ab"), a), "a prefix sorts first");
        assertEquals(1, Buffer.compare(Buffer.from("ff", "hex"), Buffer.from("7f", "hex")), "bytes are unsigned");
        assertEquals(-1, Buffer.from("00", "hex").compareTo(Buffer.from("0000", "hex")));
        assertEquals(1, Buffer.from("abd").compareTo(Buffer.from("abc")), "-1, 0 or 1, as node's buf.compare");

        List<Buffer> sorted = new ArrayList<>(List.of(Buffer.from("b"), Buffer.from("ff", "hex"), Buffer.EMPTY, a));
        sorted.sort(Buffer::compare);
        assertEquals(List.of(Buffer.EMPTY, b, Buffer.from("b"), Buffer.from("ff", "hex")), sorted);
        assertSame(Buffer.EMPTY, Buffer.from("", "hex"));
        assertArrayEquals(new byte[] {'a', 'b', 'c'}, a.toByteArray());
    }

    private static void assertCode(String code, Executable call) {
        assertCode(code, call, code);
    }

    private static void assertCode(String code, Executable call, String why) {
        assertEquals(code, assertThrows(StardustException.class, call, why).code(), why);
    }
}
