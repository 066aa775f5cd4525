package dev.stardust.zlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.stream.Transform;
import dev.stardust.testing.AllocatedBytes;
import dev.stardust.testing.LoopTester;
import dev.stardust.testing.Mutations;
import dev.stardust.testing.Splits;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Reporter;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the gunzip, inflate, raw inflate and unzip streams (issue 20), driven as users drive them: a
 * {@link Transform} on a loop, written piece by piece, then ended. Generated data compressed by the JDK's deflater
 * (gzip with every optional header field, concatenated members) comes back byte for byte whatever the split; the same
 * input mutated gets one verdict for every split (the same output and the same error code) and only zlib's errors;
 * a bomb under a 1 KiB output limit allocates in proportion to the limit, on the loop thread that inflates it.
 * {@link InflateRegressionTest} keeps the bug these properties found.
 */
class InflateProperties {
    private static final Set<String> CODES = Set.of("Z_DATA_ERROR", "Z_BUF_ERROR", "Z_NEED_DICT",
            "ERR_BUFFER_TOO_LARGE");
    private static LoopTester tester;

    @BeforeContainer
    static void startLoop() {
        tester = LoopTester.start();
    }

    @AfterContainer
    static void closeLoop() {
        tester.close();
    }

    /** What a stream gave: all its output, then its error code if it failed. */
    record Verdict(Buffer output, String error) {
        @Override
        public String toString() {
            return output.length() + " bytes " + (error.isEmpty() ? "and end" : "then " + error);
        }
    }

    enum Kind { GZIP, ZLIB, RAW, UNZIP_GZIP, UNZIP_ZLIB }

    /** A compressed input, the kind of stream that reads it, and what it decompresses to. */
    record Sample(Kind kind, byte[] compressed, byte[] original) {
        @Override
        public String toString() {
            return kind + " of " + original.length + " bytes: " + Arrays.toString(compressed);
        }
    }

    @Property(tries = 150)
    void validInputInflatesToTheOriginalForEverySplit(@ForAll("samples") Sample s,
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 1 << 16) Integer> cuts) {
        Verdict v = Splits.assertSame(Splits.verdicts(s.compressed(), cuts,
                pieces -> inflate(s.kind(), ZlibOptions.defaults(), pieces)));
        assertEquals(new Verdict(Buffer.from(s.original()), ""), v);
    }

    /**
     * The output before an error is not compared: the JDK's {@code Inflater} drops what the failing call inflated,
     * so how much comes out first depends on where the input was cut (in node too, a stream emits what it has before
     * the error). Nor is the output limit in play here: corrupt data that also inflates past the limit is refused
     * with either code depending on the split, since a whole chunk may reach the corruption in the same call that
     * would have passed the limit.
     */
    @Property(tries = 250)
    void mutatedInputGetsOneVerdictForEverySplit(@ForAll("samples") Sample s, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 3) int mutations, @ForAll @IntRange(min = 64, max = 20_000) int chunk,
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 1 << 16) Integer> cuts) {
        byte[] input = s.compressed();
        Random r = new Random(seed);
        for (int i = 0; i < mutations; i++) {
            input = Mutations.mutate(input, r);
        }
        ZlibOptions options = ZlibOptions.defaults().withChunkSize(chunk).withMaxOutputLength(64L << 20);
        Splits.assertSame(Splits.verdicts(input, cuts, pieces -> {
            Verdict v = inflate(s.kind(), options, pieces);
            return v.error().isEmpty() ? v : new Verdict(Buffer.EMPTY, v.error());
        }));
    }

    /** Valid input that inflates past the limit is refused with ERR_BUFFER_TOO_LARGE, having let through no more. */
    @Property(tries = 100)
    void validInputPastTheOutputLimitIsRefusedForEverySplit(@ForAll("samples") Sample s,
            @ForAll @IntRange(min = 1, max = 4096) int limit, @ForAll @IntRange(min = 64, max = 20_000) int chunk,
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 1 << 16) Integer> cuts) {
        ZlibOptions options = ZlibOptions.defaults().withChunkSize(chunk).withMaxOutputLength(limit);
        Map<String, Verdict> verdicts = Splits.verdicts(s.compressed(), cuts,
                pieces -> inflate(s.kind(), options, pieces));
        for (Verdict v : verdicts.values()) {
            assertEquals(s.original().length > limit ? "ERR_BUFFER_TOO_LARGE" : "", v.error(), verdicts::toString);
            assertTrue(v.output().length() <= limit, v::toString);
        }
    }

    /** 64 MiB of zeros, deflated to about 64 KiB, against a 1 KiB limit: refused having allocated about the limit. */
    @Example
    void aBombAllocatesInProportionToTheOutputLimitNotToItsSize(Reporter reporter) {
        byte[] bomb = deflate(new byte[64 << 20], Kind.GZIP, new Random(1));
        ZlibOptions options = ZlibOptions.defaults().withMaxOutputLength(1024);
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) { // the first rounds load classes and compile
            List<byte[]> pieces = Splits.at(bomb, List.of(4096, 8192, 16384, 32768));
            long[] allocated = new long[1];
            Verdict v = run(stream -> {
                allocated[0] = AllocatedBytes.during(() -> pieces.forEach(p -> stream.write(Buffer.from(p))));
                stream.end();
            }, Kind.GZIP, options);
            assertEquals("ERR_BUFFER_TOO_LARGE", v.error());
            least = Math.min(least, allocated[0]);
        }
        reporter.publishValue("allocated bytes", Long.toString(least));
        // the 16 KiB output chunk, the 1 KiB let through, the stream's state, the error and its stack trace
        long bound = 64 * 1024 + 16 * 1024;
        assertTrue(!AllocatedBytes.supported() || least < bound, "allocated " + least + " bytes, bound " + bound);
    }

    private static Verdict inflate(Kind kind, ZlibOptions options, List<byte[]> pieces) {
        return run(stream -> {
            for (byte[] p : pieces) {
                stream.write(Buffer.from(p));
            }
            stream.end();
        }, kind, options);
    }

    /** Makes the stream on the loop, lets {@code feed} write to it there, and waits for its end or error. */
    private static Verdict run(java.util.function.Consumer<Transform<Buffer, Buffer>> feed, Kind kind,
            ZlibOptions options) {
        CompletableFuture<Verdict> done = new CompletableFuture<>();
        tester.execute(() -> {
            Transform<Buffer, Buffer> stream = switch (kind) {
                case GZIP -> Zlib.createGunzip(options);
                case ZLIB -> Zlib.createInflate(options);
                case RAW -> Zlib.createInflateRaw(options);
                case UNZIP_GZIP, UNZIP_ZLIB -> Zlib.createUnzip(options);
            };
            List<Buffer> out = new ArrayList<>();
            stream.onData(out::add);
            stream.onEnd(() -> done.complete(new Verdict(Buffer.concat(out), "")));
            stream.onError(e -> {
                if (!(e instanceof StardustException se) || !CODES.contains(se.code())) {
                    done.completeExceptionally(new AssertionError("not one of zlib's errors", e));
                } else {
                    done.complete(new Verdict(Buffer.concat(out), se.code()));
                }
            });
            feed.accept(stream);
        });
        try {
            return done.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the stream neither ended nor failed", e);
        }
    }

    // ---- generators ----

    @Provide
    Arbitrary<Sample> samples() {
        Arbitrary<byte[]> data = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
                        Arbitraries.integers().between(1, 3000))
                        .as((word, times) -> word.repeat(times).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        return Combinators.combine(Arbitraries.of(Kind.class), data, Arbitraries.longs())
                .as((kind, original, seed) -> {
                    Random r = new Random(seed);
                    byte[] compressed = deflate(original, kind, r);
                    if ((kind == Kind.GZIP || kind == Kind.UNZIP_GZIP) && r.nextInt(4) == 0) {
                        // a second member, which gunzip decodes after the first (as node and gunzip do)
                        byte[] more = Arrays.copyOf(original, original.length / 2);
                        byte[] second = deflate(more, kind, r);
                        return new Sample(kind, concat(compressed, second), concat(original, more));
                    }
                    return new Sample(kind, compressed, original);
                });
    }

    /** {@code data} deflated at a random level and strategy, in the kind's framing, with random gzip header fields. */
    static byte[] deflate(byte[] data, Kind kind, Random r) {
        boolean raw = kind != Kind.ZLIB && kind != Kind.UNZIP_ZLIB;
        Deflater d = new Deflater(r.nextInt(10), raw);
        d.setStrategy(r.nextInt(3));
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            body.write(buf, 0, d.deflate(buf));
        }
        d.end();
        if (kind == Kind.ZLIB || kind == Kind.UNZIP_ZLIB || kind == Kind.RAW) {
            return body.toByteArray();
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        int flags = r.nextInt(32) & ~1; // FTEXT aside, any of FHCRC, FEXTRA, FNAME, FCOMMENT
        gz.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 1, 2, 3, 4, 0, 3});
        if ((flags & 4) != 0) {
            int xlen = r.nextInt(40);
            gz.write(xlen);
            gz.write(0);
            for (int i = 0; i < xlen; i++) {
                gz.write(r.nextInt(256));
            }
        }
        for (int flag : new int[] {8, 16}) {
            if ((flags & flag) != 0) {
                for (int i = r.nextInt(20); i > 0; i--) {
                    gz.write('a' + r.nextInt(26));
                }
                gz.write(0);
            }
        }
        if ((flags & 2) != 0) {
            CRC32 crc = new CRC32();
            crc.update(gz.toByteArray());
            gz.write((int) crc.getValue());
            gz.write((int) (crc.getValue() >>> 8));
        }
        gz.writeBytes(body.toByteArray());
        CRC32 crc = new CRC32();
        crc.update(data);
        writeIntLe(gz, crc.getValue());
        writeIntLe(gz, data.length);
        return gz.toByteArray();
    }

    private static void writeIntLe(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
