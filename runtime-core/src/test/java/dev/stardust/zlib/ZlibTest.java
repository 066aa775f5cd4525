package dev.stardust.zlib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.stream.Readable;
import dev.stardust.stream.Transform;
import dev.stardust.testing.LoopTester;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gzip, deflate and raw deflate: one-shots, streams fed at odd splits, limits, errors, and the gzip CLI. */
class ZlibTest {
    private static final Buffer TEXT = text(200_000);

    @TempDir
    Path dir;

    static Buffer text(int size) {
        StringBuilder sb = new StringBuilder();
        Random random = new Random(42);
        while (sb.length() < size) {
            sb.append("line ").append(random.nextInt(1000)).append(" of some compressible text\n");
        }
        return Buffer.from(sb.substring(0, size));
    }

    @Test
    void oneShotsRoundTripEveryFormat() {
        ZlibOptions o = ZlibOptions.defaults();
        assertEquals(TEXT, Zlib.gunzip(Zlib.gzip(TEXT)));
        assertEquals(TEXT, Zlib.inflate(Zlib.deflate(TEXT, o), o));
        assertEquals(TEXT, Zlib.inflateRaw(Zlib.deflateRaw(TEXT, o), o));
        assertEquals(TEXT, Zlib.unzip(Zlib.gzip(TEXT), o));
        assertEquals(TEXT, Zlib.unzip(Zlib.deflate(TEXT, o), o));
        assertEquals(Buffer.EMPTY, Zlib.gunzip(Zlib.gzip(Buffer.EMPTY)));
        assertTrue(Zlib.gzip(TEXT, o.withLevel(9)).length() < TEXT.length() / 3);
        assertTrue(Zlib.gzip(TEXT, o.withLevel(0)).length() > TEXT.length());
    }

    @Test
    void optionsOutOfRangeFailWithNodesCode() {
        StardustException e = assertThrows(StardustException.class, () -> ZlibOptions.defaults().withLevel(10));
        assertEquals("ERR_OUT_OF_RANGE", e.code());
        assertEquals("ERR_OUT_OF_RANGE",
                assertThrows(StardustException.class, () -> ZlibOptions.defaults().withWindowBits(7)).code());
    }

    @Test
    void streamsDecodeInputFedWholeByteByByteAndAtOddSplits() {
        Buffer gz = Zlib.gzip(TEXT);
        Buffer twoMembers = gz.concat(Zlib.gzip(Buffer.from("and more\n")));
        Buffer expectedTwo = TEXT.concat(Buffer.from("and more\n"));
        for (int split : new int[] {gz.length(), 1, 7, 4093}) {
            assertEquals(TEXT, throughStream(Zlib::createGunzip, gz, split), "gunzip at split " + split);
            assertEquals(expectedTwo, throughStream(Zlib::createGunzip, twoMembers, split), "two members " + split);
        }
        ZlibOptions o = ZlibOptions.defaults();
        assertEquals(TEXT, throughStream(Zlib::createInflate, Zlib.deflate(TEXT, o), 3));
        assertEquals(TEXT, throughStream(Zlib::createInflateRaw, Zlib.deflateRaw(TEXT, o), 5));
        assertEquals(TEXT, throughStream(() -> Zlib.createUnzip(o), gz, 1));
        // Compressors fed in pieces produce what the one-shot decoders accept.
        assertEquals(TEXT, Zlib.gunzip(throughStream(Zlib::createGzip, TEXT, 1000)));
        assertEquals(TEXT, Zlib.inflate(throughStream(Zlib::createDeflate, TEXT, 999), o));
        assertEquals(TEXT, Zlib.inflateRaw(throughStream(Zlib::createDeflateRaw, TEXT, 77), o));
    }

    @Test
    void pipesThroughGzipAndGunzipOnTheLoop() {
        List<Buffer> out = new ArrayList<>();
        LoopTester.run(t -> {
            Transform<Buffer, Buffer> gunzip = Zlib.createGunzip();
            Readable.from(split(TEXT, 1024)).pipe(Zlib.createGzip()).pipe(gunzip);
            gunzip.onData(out::add);
            gunzip.onEnd(t.expect(() -> { }));
        });
        assertEquals(TEXT, Buffer.concat(out));
    }

    @Test
    void decompressionBombsStopAtMaxOutputLength() {
        Buffer bomb = Zlib.gzip(Buffer.alloc(20 * 1024 * 1024), ZlibOptions.defaults().withLevel(9));
        ZlibOptions limit = ZlibOptions.defaults().withMaxOutputLength(1024 * 1024);
        StardustException e = assertThrows(StardustException.class, () -> Zlib.gunzip(bomb, limit));
        assertEquals("ERR_BUFFER_TOO_LARGE", e.code());
        Throwable[] error = new Throwable[1];
        long[] seen = new long[1];
        LoopTester.run(t -> {
            Transform<Buffer, Buffer> gunzip = Zlib.createGunzip(limit);
            gunzip.onData(b -> seen[0] += b.length());
            gunzip.onError(t.expect((Throwable err) -> error[0] = err));
            gunzip.end(bomb);
        });
        assertEquals("ERR_BUFFER_TOO_LARGE", assertInstanceOf(StardustException.class, error[0]).code());
        assertTrue(seen[0] <= 1024 * 1024, "output stopped at the limit: " + seen[0]);
    }

    @Test
    void corruptAndTruncatedInputFailWithZlibCodes() {
        Buffer gz = Zlib.gzip(TEXT);
        byte[] badCrc = gz.toByteArray();
        badCrc[badCrc.length - 6] ^= 1;
        assertEquals("Z_DATA_ERROR", codeOf(() -> Zlib.gunzip(Buffer.wrap(badCrc))));
        assertEquals("Z_DATA_ERROR", codeOf(() -> Zlib.gunzip(Buffer.from("definitely not gzip data"))));
        byte[] badBody = gz.toByteArray();
        badBody[12] = (byte) 0xff;
        badBody[13] = (byte) 0xff;
        assertEquals("Z_DATA_ERROR", codeOf(() -> Zlib.gunzip(Buffer.wrap(badBody))));
        assertEquals("Z_BUF_ERROR", codeOf(() -> Zlib.gunzip(gz.slice(0, gz.length() / 2))));
        assertEquals("Z_DATA_ERROR", codeOf(() -> Zlib.inflate(Buffer.from("xxxx"), ZlibOptions.defaults())));
    }

    @Test
    void interoperatesWithTheGzipCommandLine() throws Exception {
        // Ours to theirs.
        Path ours = dir.resolve("ours.gz");
        Files.write(ours, Zlib.gzip(TEXT).toByteArray());
        assertArrayEquals(TEXT.toByteArray(), run("gunzip", "-c", ours.toString()));
        // Theirs to ours: a file name in the header, and two members concatenated as `cat a.gz b.gz` makes.
        Path plain = dir.resolve("plain.txt");
        Files.write(plain, TEXT.toByteArray());
        byte[] theirs = run("gzip", "-c", "-N", "-9", plain.toString());
        byte[] second = run("sh", "-c", "printf 'tail\\n' | gzip -c");
        Buffer both = Buffer.wrap(theirs).concat(Buffer.wrap(second));
        assertEquals(TEXT.concat(Buffer.from("tail\n")), Zlib.gunzip(both));
        assertEquals(TEXT.concat(Buffer.from("tail\n")), throughStream(Zlib::createGunzip, both, 13));
    }

    private static String codeOf(Runnable r) {
        return assertThrows(StardustException.class, r::run).code();
    }

    private static byte[] run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "command finished");
        assertEquals(0, p.exitValue(), String.join(" ", command));
        return out.toByteArray();
    }

    static List<Buffer> split(Buffer data, int size) {
        List<Buffer> parts = new ArrayList<>();
        for (int at = 0; at < data.length(); at += size) {
            parts.add(data.slice(at, Math.min(data.length(), at + size)));
        }
        return parts;
    }

    private static Buffer throughStream(Supplier<Transform<Buffer, Buffer>> make, Buffer input, int split) {
        List<Buffer> out = new ArrayList<>();
        LoopTester.run(t -> {
            Transform<Buffer, Buffer> stream = make.get();
            stream.onData(out::add);
            stream.onEnd(t.expect(() -> { }));
            for (Buffer part : split(input, split)) {
                stream.write(part);
            }
            stream.end();
        });
        return Buffer.concat(out);
    }

}
