package dev.stardust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Buffer gives node's answers. A table of inputs (random bytes from a fixed seed, edge strings, odd hex, base64
 * with and without padding and in both alphabets, numbers at the edges of their ranges, offsets just outside the
 * buffer) goes to ONE node process, which prints node's answer for each; each answer is then a test of Stardust's
 * for the same input. An answer is bytes in hex ({@code B:}), a string as its UTF-16 units in hex ({@code S:}), a
 * number ({@code N:}), a float's bits ({@code F:}) or an error code ({@code E:}).
 */
class BufferNodeTest {
    private static final List<String> ENCODINGS = List.of("utf8", "utf-8", "UTF8", "hex", "base64", "base64url",
            "latin1", "binary", "ascii", "utf16le", "ucs2", "UTF-16LE");

    /** node's side: reads the table (one case a line, tab-separated), writes one answer a line. */
    private static final String NODE = """
            const fs = require('fs');
            const dec = (t) => {
              const v = t.slice(2);
              switch (t[0]) {
                case 'h': return Buffer.from(v, 'hex');
                case 'n': return Number(v);
                case 'g': return BigInt(v);
                default: { let s = ''; for (let i = 0; i < v.length; i += 4) s += String.fromCharCode(parseInt(v.slice(i, i + 4), 16)); return s; }
              }
            };
            const enc = (v) => {
              if (Buffer.isBuffer(v)) return 'B:' + v.toString('hex');
              if (Array.isArray(v)) return v.map(enc).join('/');
              if (typeof v !== 'string') return 'N:' + String(v);
              let h = '';
              for (let i = 0; i < v.length; i++) h += v.charCodeAt(i).toString(16).padStart(4, '0');
              return 'S:' + h;
            };
            const flt = (v) => { if (Number.isNaN(v)) return 'F:NaN'; const b = Buffer.alloc(8); b.writeDoubleBE(v); return 'F:' + b.toString('hex'); };
            const out = [];
            for (const line of fs.readFileSync(process.argv[1], 'utf8').split('\\n')) {
              if (!line) continue;
              const [op, ...a] = line.split('\\t').map((t, i) => (i === 0 ? t : dec(t)));
              try {
                if (op === 'from') out.push(enc(Buffer.from(a[0], a[1])));
                else if (op === 'compare') out.push(enc(Buffer.compare(a[0], a[1])));
                else if (op === 'write') { const b = Buffer.alloc(a[0]); const r = b[a[1]](a[2], a[3]); out.push(enc([b, r])); }
                else { const r = a[0][a[1]](...a.slice(2)); out.push(/^read(Float|Double)/.test(a[1]) ? flt(r) : enc(r)); }
              } catch (e) { out.push('E:' + e.code); }
            }
            fs.writeFileSync(process.argv[2], out.join('\\n') + '\\n');
            """;

    private static final Map<String, BiFunction<Buffer, Integer, Object>> READS = Map.ofEntries(
            Map.entry("readUInt8", Buffer::readUInt8), Map.entry("readInt8", Buffer::readInt8),
            Map.entry("readUInt16BE", Buffer::readUInt16BE), Map.entry("readUInt16LE", Buffer::readUInt16LE),
            Map.entry("readInt16BE", Buffer::readInt16BE), Map.entry("readInt16LE", Buffer::readInt16LE),
            Map.entry("readUInt32BE", Buffer::readUInt32BE), Map.entry("readUInt32LE", Buffer::readUInt32LE),
            Map.entry("readInt32BE", Buffer::readInt32BE), Map.entry("readInt32LE", Buffer::readInt32LE),
            Map.entry("readBigInt64BE", Buffer::readBigInt64BE), Map.entry("readBigInt64LE", Buffer::readBigInt64LE),
            Map.entry("readBigUInt64BE", Buffer::readBigUInt64BE),
            Map.entry("readBigUInt64LE", Buffer::readBigUInt64LE),
            Map.entry("readFloatBE", Buffer::readFloatBE), Map.entry("readFloatLE", Buffer::readFloatLE),
            Map.entry("readDoubleBE", Buffer::readDoubleBE), Map.entry("readDoubleLE", Buffer::readDoubleLE));

    /** One input: its name, its line for node, and Stardust's answer to it. */
    private record Case(String name, String line, Callable<Object> stardust) {
    }

    private final Random random = new Random(16);
    private final List<Case> cases = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> stardustAnswersAsNodeDoes(@TempDir Path dir) throws Exception {
        encodings();
        reads();
        writes();
        searches();
        comparisons();
        List<String> node = runNode(dir);
        assertEquals(cases.size(), node.size(), "node answered every case");
        return IntStream.range(0, cases.size()).mapToObj(i -> dynamicTest(cases.get(i).name(),
                () -> assertEquals(node.get(i), answer(cases.get(i).stardust()), cases.get(i).line())));
    }

    private void encodings() {
        List<String> texts = new ArrayList<>(List.of("", "hello", "héllo wörld", "€", "😀", "a😀b", "\uD800", "a\uDC00b",
                "x\uD83D", "\uDE00\uD83D", "\u0100\u0180\uFFFF", "\u0000\u007f\u0080\u00ff", "1ag", "1a7", "1a7g",
                "1634", "ABcdEF", "0", "zz00", " 12", "0x12", "QUJD", "QUI=", "QUI", "QQ==", "QQ", "Q", "Q===",
                "QU JD\n", "Q U\nJ\tD", "QU*JD", "-_-_", "+/+/", "QQ==QQ==", "=QUJD", "QUJ=D", "AB=CD", "AAAAA",
                "aGVsbG8gd29ybGQ=", "aGVsbG8gd29ybGQ", "____", "////"));
        for (int i = 0; i < 40; i++) {
            texts.add(randomText("0123456789abcdefABCDEFgx =", random.nextInt(12)));
            texts.add(randomText("ABCXYZabcxyz019+/-_= \n\t*.", random.nextInt(14)));
            texts.add(randomUnits(random.nextInt(8)));
        }
        for (String encoding : ENCODINGS) {
            for (String text : texts) {
                add("from(" + quote(text) + ", " + encoding + ")", "from\t" + str(text) + "\t" + str(encoding),
                        () -> Buffer.from(text, encoding));
            }
            for (int i = 0; i < 40; i++) {
                Buffer bytes = randomBytes(random.nextInt(12));
                add(bytes.toHex() + ".toString(" + encoding + ")", call(bytes, "toString", str(encoding)),
                        () -> bytes.toString(encoding));
                int start = random.nextInt(bytes.length() + 6) - 3;
                int end = random.nextInt(bytes.length() + 6) - 3;
                add(bytes.toHex() + ".toString(" + encoding + ", " + start + ", " + end + ")",
                        call(bytes, "toString", str(encoding), num(start), num(end)),
                        () -> bytes.toString(encoding, start, end));
            }
        }
        for (String hex : List.of("eda080", "edbfbf", "c0af", "c1bf", "e080af", "f08080af", "f4908080", "f0908080",
                "f48fbfbf", "efbfbd", "c2", "e282", "f09f98", "f09f9880", "80", "bf", "fe", "ff", "e2ac41", "f09fc0")) {
            Buffer bytes = Buffer.from(hex, "hex");
            add(hex + ".toString()", call(bytes, "toString"), bytes::toString);
        }
        for (String name : List.of("xyz", "utf16", "UTF-16", "base-64", "iso-8859-1", "latin-1", "", "Latin1")) {
            add("from('abc', " + quote(name) + ")", "from\t" + str("abc") + "\t" + str(name),
                    () -> Buffer.from("abc", name));
            add("toString(" + quote(name) + ")", call(Buffer.from("abc"), "toString", str(name)),
                    () -> Buffer.from("abc").toString(name));
        }
    }

    private void reads() {
        List<Buffer> buffers = new ArrayList<>(List.of(Buffer.EMPTY, Buffer.from("ffffffffffffffffff", "hex"),
                Buffer.from("8000000000000000", "hex"), Buffer.from("7fffffffffffffff7f", "hex"),
                Buffer.from("7f800000", "hex"), Buffer.from("ff800001", "hex"), Buffer.from("0000000000000001", "hex"),
                Buffer.from("7ff0000000000000", "hex"), Buffer.from("fff8000000000001", "hex")));
        for (int i = 0; i < 4; i++) {
            buffers.add(randomBytes(random.nextInt(10)));
        }
        for (Map.Entry<String, BiFunction<Buffer, Integer, Object>> read : READS.entrySet()) {
            for (Buffer bytes : buffers) {
                for (int offset = -2; offset <= bytes.length() + 1; offset++) {
                    int at = offset;
                    add(bytes.toHex() + "." + read.getKey() + "(" + at + ")", call(bytes, read.getKey(), num(at)),
                            () -> read.getValue().apply(bytes, at));
                }
            }
        }
    }

    private void writes() {
        intWrites("writeUInt8", 1, 0, 255, (w, v, o) -> w.writeUInt8(v.intValueExact(), o));
        intWrites("writeInt8", 1, -128, 127, (w, v, o) -> w.writeInt8(v.intValueExact(), o));
        intWrites("writeUInt16BE", 2, 0, 65535, (w, v, o) -> w.writeUInt16BE(v.intValueExact(), o));
        intWrites("writeUInt16LE", 2, 0, 65535, (w, v, o) -> w.writeUInt16LE(v.intValueExact(), o));
        intWrites("writeInt16BE", 2, -32768, 32767, (w, v, o) -> w.writeInt16BE(v.intValueExact(), o));
        intWrites("writeInt16LE", 2, -32768, 32767, (w, v, o) -> w.writeInt16LE(v.intValueExact(), o));
        intWrites("writeUInt32BE", 4, 0, 0xffffffffL, (w, v, o) -> w.writeUInt32BE(v.longValueExact(), o));
        intWrites("writeUInt32LE", 4, 0, 0xffffffffL, (w, v, o) -> w.writeUInt32LE(v.longValueExact(), o));
        // Every Java int is in range for these, and every long for the signed 64-bit ones: only the edges are written.
        intWrites("writeInt32BE", 4, Integer.MIN_VALUE, Integer.MAX_VALUE, (w, v, o) -> w.writeInt32BE(v.intValue(), o));
        intWrites("writeInt32LE", 4, Integer.MIN_VALUE, Integer.MAX_VALUE, (w, v, o) -> w.writeInt32LE(v.intValue(), o));
        intWrites("writeBigInt64BE", 8, Long.MIN_VALUE, Long.MAX_VALUE, (w, v, o) -> w.writeBigInt64BE(v.longValue(), o));
        intWrites("writeBigInt64LE", 8, Long.MIN_VALUE, Long.MAX_VALUE, (w, v, o) -> w.writeBigInt64LE(v.longValue(), o));
        BigInteger twoTo64 = BigInteger.ONE.shiftLeft(64);
        for (String name : List.of("writeBigUInt64BE", "writeBigUInt64LE")) {
            for (BigInteger value : List.of(BigInteger.valueOf(-1), BigInteger.ZERO, BigInteger.valueOf(0x1234),
                    twoTo64.subtract(BigInteger.ONE), twoTo64, BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE))) {
                for (int size : List.of(7, 9)) {
                    for (int offset : List.of(-1, 0, 1, 2)) {
                        add(name + "(" + value + ", " + offset + ") into " + size,
                                "write\t" + num(size) + "\t" + str(name) + "\tg:" + value + "\t" + num(offset),
                                () -> write(size, w -> name.endsWith("BE") ? w.writeBigUInt64BE(value, offset)
                                        : w.writeBigUInt64LE(value, offset)));
                    }
                }
            }
        }
        float[] floats = {0f, -0f, 1.5f, -2.25f, 0.1f, Float.MAX_VALUE, Float.MIN_VALUE, Float.MIN_NORMAL, 1e-40f,
            Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 16777217f, -3.4028235e38f};
        double[] doubles = {0d, -0d, 1.5, -2.25, 0.1, Math.PI, Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 9007199254740993d, 1e-310};
        for (int offset : List.of(-1, 0, 1, 5)) {
            int at = offset;
            for (float f : floats) {
                floatWrite("writeFloatBE", 4, f, at, w -> w.writeFloatBE(f, at));
                floatWrite("writeFloatLE", 4, f, at, w -> w.writeFloatLE(f, at));
            }
            for (double d : doubles) {
                floatWrite("writeDoubleBE", 8, d, at, w -> w.writeDoubleBE(d, at));
                floatWrite("writeDoubleLE", 8, d, at, w -> w.writeDoubleLE(d, at));
            }
        }
    }

    private interface IntWrite {
        int write(BufferWriter writer, BigInteger value, int offset);
    }

    private interface Write {
        int write(BufferWriter writer);
    }

    private void intWrites(String name, int width, long min, long max, IntWrite write) {
        boolean javaBounded = min == Integer.MIN_VALUE || min == Long.MIN_VALUE;
        List<Long> values = javaBounded ? List.of(min, -1L, 0L, 1L, max)
                : List.of(min - 1, min, -1L, 0L, 1L, max / 3, max, max + 1);
        for (long value : values) {
            for (int size : List.of(width - 1, width + 1)) {
                for (int offset : List.of(-1, 0, 1, 2)) {
                    BigInteger v = BigInteger.valueOf(value);
                    String arg = width == 8 ? "g:" + value : num(value);
                    add(name + "(" + value + ", " + offset + ") into " + size,
                            "write\t" + num(size) + "\t" + str(name) + "\t" + arg + "\t" + num(offset),
                            () -> write(size, w -> write.write(w, v, offset)));
                }
            }
        }
    }

    private void floatWrite(String name, int width, double value, int offset, Write write) {
        add(name + "(" + value + ", " + offset + ") into " + (width + 1),
                "write\t" + num(width + 1) + "\t" + str(name) + "\tn:" + value + "\t" + num(offset),
                () -> write(width + 1, write));
    }

    private static List<Object> write(int size, Write write) {
        BufferWriter writer = Buffer.writer(size);
        int next = write.write(writer);
        return List.of(writer.toBuffer(), next);
    }

    private void searches() {
        List<Buffer> haystacks = new ArrayList<>(List.of(Buffer.from("abcabc"), Buffer.EMPTY, Buffer.from("aaa"),
                Buffer.from("héllo hé"), Buffer.from("00ff00ff80", "hex")));
        for (int i = 0; i < 5; i++) {
            haystacks.add(Buffer.from(randomText("ab", random.nextInt(10))));
        }
        for (Buffer hay : haystacks) {
            List<String> needles = new ArrayList<>(List.of("", "a", "b", "c", "ab", "abc", "abcabcabc", "é", "hé",
                    "ba", "aab"));
            int n = hay.length();
            List<Integer> offsets = List.of(-100, -n - 1, -n, -2, -1, 0, 1, 2, n - 1, n, n + 1, 100);
            for (String needle : needles) {
                Buffer bytes = Buffer.from(needle);
                add(quote(hay.toString()) + ".indexOf(" + quote(needle) + ")", call(hay, "indexOf", str(needle)),
                        () -> hay.indexOf(needle));
                add(quote(hay.toString()) + ".lastIndexOf(" + quote(needle) + ")",
                        call(hay, "lastIndexOf", str(needle)), () -> hay.lastIndexOf(needle));
                add(quote(hay.toString()) + ".includes(" + quote(needle) + ")", call(hay, "includes", str(needle)),
                        () -> hay.includes(needle));
                add(quote(hay.toString()) + ".indexOf(buffer " + bytes.toHex() + ")",
                        call(hay, "indexOf", hex(bytes)), () -> hay.indexOf(bytes));
                add(quote(hay.toString()) + ".lastIndexOf(buffer " + bytes.toHex() + ")",
                        call(hay, "lastIndexOf", hex(bytes)), () -> hay.lastIndexOf(bytes));
                add(quote(hay.toString()) + ".includes(buffer " + bytes.toHex() + ")",
                        call(hay, "includes", hex(bytes)), () -> hay.includes(bytes));
                for (int offset : offsets) {
                    String at = "(" + quote(needle) + ", " + offset + ")";
                    add(quote(hay.toString()) + ".indexOf" + at, call(hay, "indexOf", str(needle), num(offset)),
                            () -> hay.indexOf(needle, offset));
                    add(quote(hay.toString()) + ".lastIndexOf" + at,
                            call(hay, "lastIndexOf", str(needle), num(offset)), () -> hay.lastIndexOf(needle, offset));
                    add(quote(hay.toString()) + ".indexOf(buffer)" + at, call(hay, "indexOf", hex(bytes), num(offset)),
                            () -> hay.indexOf(bytes, offset));
                    add(quote(hay.toString()) + ".lastIndexOf(buffer)" + at,
                            call(hay, "lastIndexOf", hex(bytes), num(offset)), () -> hay.lastIndexOf(bytes, offset));
                }
            }
            for (int value : List.of(0x00, 0x61, 0x62, 0xff, 0x80, 0xc3)) {
                for (int offset : offsets) {
                    add(hay.toHex() + ".indexOf(byte " + value + ", " + offset + ")",
                            call(hay, "indexOf", num(value), num(offset)), () -> hay.indexOf((byte) value, offset));
                    add(hay.toHex() + ".lastIndexOf(byte " + value + ", " + offset + ")",
                            call(hay, "lastIndexOf", num(value), num(offset)),
                            () -> hay.lastIndexOf((byte) value, offset));
                }
            }
        }
    }

    private void comparisons() {
        List<Buffer> buffers = new ArrayList<>(List.of(Buffer.EMPTY, Buffer.from("00", "hex"), Buffer.from("ff", "hex"),
                Buffer.from("7f", "hex"), Buffer.from("80", "hex"), Buffer.from("0000", "hex"),
                Buffer.from("abc"), Buffer.from("abd"), Buffer.from("ab")));
        for (int i = 0; i < 6; i++) {
            buffers.add(Buffer.from(randomText("ab\u00ff", random.nextInt(4)), "latin1"));
        }
        for (Buffer a : buffers) {
            for (Buffer b : buffers) {
                String pair = a.toHex() + " vs " + b.toHex();
                add("Buffer.compare(" + pair + ")", "compare\t" + hex(a) + "\t" + hex(b), () -> Buffer.compare(a, b));
                add("buf.compare(" + pair + ")", call(a, "compare", hex(b)), () -> a.compareTo(b));
                add("buf.equals(" + pair + ")", call(a, "equals", hex(b)), () -> a.equals(b));
            }
        }
    }

    private List<String> runNode(Path dir) throws Exception {
        Path in = dir.resolve("cases.txt");
        Path out = dir.resolve("answers.txt");
        Files.writeString(in, cases.stream().map(c -> c.line() + "\n").collect(Collectors.joining()),
                StandardCharsets.UTF_8);
        Process node = new ProcessBuilder("node", "-e", NODE, in.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile()).start();
        if (!node.waitFor(60, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("node did not answer within 60 s");
        }
        assertEquals(0, node.exitValue(), () -> "node failed: " + read(dir.resolve("node.log")));
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private void add(String name, String line, Callable<Object> stardust) {
        cases.add(new Case(name, line, stardust));
    }

    /** Stardust's answer in node's notation (see the class javadoc). */
    private static String answer(Callable<Object> stardust) {
        try {
            return render(stardust.call());
        } catch (StardustException e) {
            return "E:" + e.code();
        } catch (Exception e) {
            return "unexpected " + e;
        }
    }

    private static String render(Object value) {
        if (value instanceof Buffer b) {
            return "B:" + b.toHex();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(BufferNodeTest::render).collect(Collectors.joining("/"));
        }
        if (value instanceof String s) {
            return "S:" + s.chars().mapToObj(c -> String.format("%04x", c)).collect(Collectors.joining());
        }
        if (value instanceof Float || value instanceof Double) {
            double d = ((Number) value).doubleValue();
            return Double.isNaN(d) ? "F:NaN" : String.format("F:%016x", Double.doubleToRawLongBits(d));
        }
        return "N:" + value;
    }

    private static String call(Buffer target, String method, String... args) {
        return "call\t" + hex(target) + "\t" + str(method) + (args.length == 0 ? "" : "\t" + String.join("\t", args));
    }

    private static String hex(Buffer bytes) {
        return "h:" + bytes.toHex();
    }

    private static String str(String text) {
        return "u:" + text.chars().mapToObj(c -> String.format("%04x", c)).collect(Collectors.joining());
    }

    private static String num(long value) {
        return "n:" + value;
    }

    private static String quote(String text) {
        StringBuilder sb = new StringBuilder("'");
        text.chars().forEach(c -> sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return sb.append('\'').toString();
    }

    private Buffer randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return Buffer.wrap(bytes);
    }

    private String randomText(String alphabet, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Random UTF-16 units, surrogates (paired or not) among them often. */
    private String randomUnits(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(4);
            sb.append((char) (kind == 0 ? random.nextInt(0x80) : kind == 1 ? random.nextInt(0x800)
                    : kind == 2 ? 0xd800 + random.nextInt(0x800) : random.nextInt(0x10000)));
        }
        return sb.toString();
    }
}
