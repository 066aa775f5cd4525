package dev.stardust.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.LoopOptions;
import dev.stardust.StardustException;
import dev.stardust.Timers;
import dev.stardust.fs.Fs;
import dev.stardust.stream.Consumers;
import dev.stardust.stream.Readable;
import dev.stardust.stream.Streams;
import dev.stardust.stream.Transform;
import dev.stardust.testing.LoopTester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * What node's answers cannot show (CryptoNodeTest has those): streams hash and encrypt as one-shots do whatever the
 * chunking, the async forms run on the worker pool and complete on the loop thread without delaying a timer, the
 * random functions keep their ranges and show no bias, and misuse fails with node's codes.
 */
class CryptoTest {
    private static final Random RANDOM = new Random(23);
    private static final Buffer DATA = bytes(100_000);

    @TempDir
    Path dir;

    // ---- hashes and HMACs as streams ----

    @Test
    void streamingHashesEqualOneShotsWhateverTheChunking() {
        for (String alg : List.of("sha256", "sha512", "md5", "sha3-256")) {
            String expected = Crypto.hash(alg, DATA);
            for (int split : new int[] {DATA.length(), 1000, 63, 64, 65, 4093}) {
                assertEquals(expected, through(() -> Crypto.createHash(alg), split).toHex(), alg + " at " + split);
            }
        }
        Buffer key = Buffer.from("key");
        List<Buffer> macs = new ArrayList<>();
        LoopTester.run(t -> macs.add(Crypto.createHmac("sha256", key).update(DATA).digest()));
        assertEquals(macs.get(0), through(() -> Crypto.createHmac("sha256", key), 777));
    }

    @Test
    void hashesAFileAsItFlows() throws Exception {
        Path file = dir.resolve("data.bin");
        Files.write(file, DATA.toByteArray());
        List<String> digest = new ArrayList<>();
        LoopTester.run(t -> {
            Hash hash = Crypto.createHash("sha256");
            hash.onData(d -> digest.add(d.toHex()));
            Streams.pipeline(Fs.createReadStream(file.toString()), hash).onSuccess(t.expect((Void v) -> { }));
        });
        assertEquals(List.of(Crypto.hash("sha256", DATA)), digest);
    }

    @Test
    void aHashIsDigestedOnceAndCopiesGoOn() {
        LoopTester.run(t -> {
            Hash hash = Crypto.createHash("sha256").update("ab");
            Hash copy = hash.copy();
            assertEquals(Crypto.hash("sha256", "ab"), hash.digest("hex"));
            assertEquals("ERR_CRYPTO_HASH_FINALIZED", code(hash::digest));
            assertEquals("ERR_CRYPTO_HASH_FINALIZED", code(() -> hash.update("c")));
            assertEquals(Crypto.hash("sha256", "abc"), copy.update("c").digest("hex"));
            assertEquals(Crypto.hash("sha256", Buffer.from("68690a", "hex"), "base64"),
                    Crypto.createHash("sha256").update("aGkK", "base64").digest("base64"));
            Hmac hmac = Crypto.createHmac("sha1", "k");
            assertEquals(20, hmac.digest().length());
            assertEquals(Buffer.EMPTY, hmac.digest(), "node's second hmac.digest() is empty");
            assertEquals("ERR_CRYPTO_HASH_FINALIZED", code(() -> hmac.update("x")));
            assertEquals("ERR_CRYPTO_INVALID_DIGEST", code(() -> Crypto.createHash("shake128")));
            assertEquals("ERR_UNKNOWN_ENCODING", code(() -> Crypto.createHash("sha1").digest("hexx")));
        });
        assertTrue(Crypto.getHashes().containsAll(List.of("sha256", "sha3-512", "md5", "sha512-256")));
    }

    // ---- random values ----

    @Test
    void randomBytesHaveTheirLengthAndTheAsyncFormCompletesOnTheLoop() {
        assertEquals(0, Crypto.randomBytesSync(0).length());
        assertEquals(33, Crypto.randomBytesSync(33).length());
        assertNotEquals(Crypto.randomBytesSync(16), Crypto.randomBytesSync(16));
        assertEquals("ERR_OUT_OF_RANGE", code(() -> Crypto.randomBytesSync(-1)));
        LoopTester.run(t -> {
            Thread loop = Thread.currentThread();
            assertEquals("ERR_OUT_OF_RANGE", code(() -> Crypto.randomBytes(-1)));
            Crypto.randomBytes(1 << 20).onSuccess(t.expect((Buffer b) -> {
                assertEquals(1 << 20, b.length());
                assertEquals(loop, Thread.currentThread());
            }));
        });
    }

    @Test
    void randomUuidsAreVersion4AndDistinct() {
        Pattern v4 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String uuid = Crypto.randomUUID();
            assertTrue(v4.matcher(uuid).matches(), uuid);
            seen.add(uuid);
        }
        assertEquals(1000, seen.size());
    }

    @Test
    void randomIntStaysInItsRangeAndRefusesWhatNodeRefuses() {
        for (int i = 0; i < 10_000; i++) {
            long v = Crypto.randomInt(-3, 4);
            assertTrue(v >= -3 && v < 4, "in [-3, 4): " + v);
        }
        long max = (1L << 48) - 1;
        long big = Crypto.randomInt(-(1L << 53) + 1, -(1L << 53) + 1 + max);
        assertTrue(big >= -(1L << 53) + 1, "the widest range node allows at the bottom of the safe integers");
        assertEquals(0, Crypto.randomInt(1));
        assertEquals("ERR_OUT_OF_RANGE", code(() -> Crypto.randomInt(5, 5)));
        assertEquals("ERR_OUT_OF_RANGE", code(() -> Crypto.randomInt(0)));
        assertEquals("ERR_OUT_OF_RANGE", code(() -> Crypto.randomInt(0, max + 1)));
        assertEquals("ERR_INVALID_ARG_TYPE", code(() -> Crypto.randomInt(0, 1L << 53)));
        assertEquals("ERR_INVALID_ARG_TYPE", code(() -> Crypto.randomInt(-(1L << 53), 0)));
    }

    /**
     * Pearson's chi-square over the buckets of 100,000 draws. The bound is not tuned to pass: it is the value that a
     * fair generator's statistic exceeds with probability about 1e-9 (chi-square with 9 degrees of freedom: 60 gives
     * 1.3e-9; with 2: 42 gives 7.6e-10), so a false failure is once in about a billion runs, while a biased
     * generator is caught by thousands: the second check shows it on the range where modulo bias is worst.
     */
    @Test
    void randomIntShowsNoBias() {
        assertTrue(chiSquare(10, 100_000, n -> (int) Crypto.randomInt(0, 10)) < 60);
        // On [0, 3 * 2^46) a naive "48 random bits mod range" maps the top quarter of the draws onto the first
        // third of the range: that third would get half the draws. The statistic over the three thirds:
        long range = 3L << 46;
        Random naive = new Random(1);
        double biased = chiSquare(3, 30_000, n -> (int) (((naive.nextLong() >>> 16) % range) >> 46));
        assertTrue(biased > 1000, "the check sees modulo bias: " + biased);
        assertTrue(chiSquare(3, 30_000, n -> (int) (Crypto.randomInt(0, range) >> 46)) < 42);
    }

    private static double chiSquare(int buckets, int draws, ToIntFunction<Integer> draw) {
        long[] counts = new long[buckets];
        for (int i = 0; i < draws; i++) {
            counts[draw.applyAsInt(i)]++;
        }
        double expected = (double) draws / buckets;
        double sum = 0;
        for (long count : counts) {
            sum += (count - expected) * (count - expected) / expected;
        }
        return sum;
    }

    @Test
    void timingSafeEqualComparesEqualLengthsOnly() {
        assertTrue(Crypto.timingSafeEqual(Buffer.from("abc"), Buffer.from("abc")));
        assertFalse(Crypto.timingSafeEqual(Buffer.from("abc"), Buffer.from("abd")));
        assertTrue(Crypto.timingSafeEqual(Buffer.EMPTY, Buffer.EMPTY));
        assertEquals("ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH",
                code(() -> Crypto.timingSafeEqual(Buffer.from("a"), Buffer.from("ab"))));
    }

    // ---- key derivation ----

    @Test
    void pbkdf2WithManyIterationsDoesNotDelayATimer() {
        AtomicLong timerLate = new AtomicLong(-1);
        List<String> order = new ArrayList<>();
        Buffer pw = Buffer.from("password");
        Buffer salt = Buffer.from("salt");
        LoopTester.run(LoopOptions.defaults(), Duration.ofSeconds(60), t -> {
            Thread loop = Thread.currentThread();
            long start = System.nanoTime();
            Crypto.pbkdf2(pw, salt, 2_000_000, 32, "sha256").onSuccess(t.expect((Buffer key) -> {
                assertEquals(loop, Thread.currentThread());
                assertEquals(Crypto.pbkdf2Sync(pw, salt, 1, 32, "sha256").length(), key.length());
                order.add("pbkdf2");
            }));
            Timers.setTimeout(t.expect(() -> {
                timerLate.set((System.nanoTime() - start) / 1_000_000 - 10);
                order.add("timer");
            }), 10);
        });
        assertEquals(List.of("timer", "pbkdf2"), order, "the timer fired while pbkdf2 ran on the pool");
        assertTrue(timerLate.get() < 1000, "the timer was late by " + timerLate.get() + " ms");
    }

    @Test
    void keyDerivationCompletesOnTheLoopAndFailsAtTheCall() {
        LoopTester.run(t -> {
            Thread loop = Thread.currentThread();
            Buffer ikm = Buffer.from("ikm");
            Crypto.hkdf("sha256", ikm, Buffer.EMPTY, Buffer.from("info"), 42).onSuccess(t.expect((Buffer key) -> {
                assertEquals(loop, Thread.currentThread());
                assertEquals(Crypto.hkdfSync("sha256", ikm, Buffer.EMPTY, Buffer.from("info"), 42), key);
            }));
            assertEquals("ERR_OUT_OF_RANGE", code(() -> Crypto.pbkdf2(ikm, ikm, 0, 32, "sha256")));
            assertEquals("ERR_CRYPTO_INVALID_DIGEST", code(() -> Crypto.pbkdf2(ikm, ikm, 1, 32, "nope")));
            assertEquals("ERR_CRYPTO_INVALID_KEYLEN", code(() -> Crypto.hkdf("sha256", ikm, ikm, ikm, 255 * 32 + 1)));
        });
    }

    // ---- ciphers ----

    @Test
    void cipherStreamsEqualOneShotsWhateverTheChunking() {
        Buffer key = bytes(32);
        Buffer iv = bytes(12);
        Buffer cbcIv = bytes(16);
        List<Buffer> expected = new ArrayList<>();
        List<Buffer> tags = new ArrayList<>();
        LoopTester.run(t -> {
            Cipher gcm = Crypto.createCipheriv("aes-256-gcm", key, iv);
            expected.add(gcm.update(DATA).concat(gcm.finish()));
            tags.add(gcm.getAuthTag());
            Cipher cbc = Crypto.createCipheriv("aes-256-cbc", key, cbcIv);
            expected.add(cbc.update(DATA).concat(cbc.finish()));
        });
        for (int split : new int[] {1, 15, 16, 17, 4093}) {
            assertEquals(expected.get(0), through(() -> Crypto.createCipheriv("aes-256-gcm", key, iv), split));
            assertEquals(expected.get(1), through(() -> Crypto.createCipheriv("aes-256-cbc", key, cbcIv), split));
            assertEquals(DATA, through(() -> Crypto.createDecipheriv("aes-256-cbc", key, cbcIv), expected.get(1),
                    split));
            assertEquals(DATA, through(() -> Crypto.createDecipheriv("aes-256-gcm", key, iv).setAuthTag(tags.get(0)),
                    expected.get(0), split));
        }
    }

    @Test
    void aWrongTagIsAnErrorAndNoPlaintext() {
        Buffer key = bytes(32);
        Buffer iv = bytes(12);
        List<Buffer> data = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        LoopTester.run(t -> {
            Cipher cipher = Crypto.createCipheriv("chacha20-poly1305", key, iv);
            Buffer ct = cipher.update(DATA).concat(cipher.finish());
            byte[] tag = cipher.getAuthTag().toByteArray();
            tag[0] ^= 1;
            Decipher decipher = Crypto.createDecipheriv("chacha20-poly1305", key, iv).setAuthTag(Buffer.wrap(tag));
            assertEquals(0, decipher.update(ct).length(), "no plaintext before the tag is checked");
            assertEquals("ERR_CRYPTO_INVALID_AUTH_TAG", code(decipher::finish));
            Decipher stream = Crypto.createDecipheriv("chacha20-poly1305", key, iv).setAuthTag(Buffer.wrap(tag));
            stream.onData(data::add);
            stream.onError(t.expect((Throwable e) -> errors.add(e)));
            Readable.from(List.of(ct.slice(0, 5000), ct.slice(5000))).pipe(stream);
        });
        assertEquals(List.of(), data, "a stream hands on nothing of a forged message");
        assertEquals("ERR_CRYPTO_INVALID_AUTH_TAG", ((StardustException) errors.get(0)).code());
    }

    @Test
    void cipherMisuseFailsWithNodesCodes() {
        LoopTester.run(t -> {
            Buffer key = bytes(16);
            Cipher gcm = Crypto.createCipheriv("aes-128-gcm", key, bytes(12));
            assertEquals("ERR_CRYPTO_INVALID_STATE", code(gcm::getAuthTag));
            gcm.update("x");
            assertEquals("ERR_CRYPTO_INVALID_STATE", code(() -> gcm.setAAD(Buffer.from("late"))));
            gcm.finish();
            assertEquals(16, gcm.getAuthTag().length());
            assertEquals("ERR_CRYPTO_INVALID_STATE", code(gcm::finish));
            assertEquals("ERR_CRYPTO_INVALID_STATE", code(() -> gcm.update("y")));
            Cipher cbc = Crypto.createCipheriv("aes-128-cbc", key, bytes(16));
            assertEquals("ERR_CRYPTO_INVALID_STATE", code(() -> cbc.setAAD(Buffer.from("no AAD in CBC"))));
            assertEquals(16, cbc.finish().length());
            assertEquals("ERR_CRYPTO_INVALID_STATE", code(cbc::getAuthTag));
            // node also makes GCM tags of 4 and 8 bytes, and takes ChaCha20-Poly1305 tags cut short; the JDK does not.
            assertEquals("ERR_CRYPTO_INVALID_AUTH_TAG", code(() -> Crypto.createCipheriv("aes-128-gcm", key,
                    bytes(12), 8)));
            assertEquals("ERR_CRYPTO_INVALID_AUTH_TAG", code(() -> Crypto.createDecipheriv("chacha20-poly1305",
                    bytes(32), bytes(12)).setAuthTag(bytes(12))));
            assertEquals("ERR_CRYPTO_UNKNOWN_CIPHER", code(() -> Crypto.createCipheriv("des", key, null)));
        });
        assertTrue(Crypto.getCiphers().containsAll(List.of("aes-256-gcm", "aes-128-cbc", "chacha20-poly1305")));
    }

    // ---- helpers ----

    private static Buffer through(Supplier<? extends Transform<Buffer, Buffer>> transform, int split) {
        return through(transform, DATA, split);
    }

    /** {@code input} written at {@code split}-byte chunks through a fresh transform on a loop; all it emitted. */
    private static Buffer through(Supplier<? extends Transform<Buffer, Buffer>> transform, Buffer input, int split) {
        List<Buffer> chunks = new ArrayList<>();
        for (int i = 0; i < input.length(); i += split) {
            chunks.add(input.slice(i, Math.min(input.length(), i + split)));
        }
        List<Buffer> out = new ArrayList<>();
        LoopTester.run(t -> Consumers.buffer(Readable.from(chunks).pipe(transform.get()), Integer.MAX_VALUE)
                .onSuccess(t.expect((Buffer b) -> out.add(b))));
        return out.get(0);
    }

    private static String code(Executable call) {
        return assertThrows(StardustException.class, call).code();
    }

    private static Buffer bytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return Buffer.wrap(bytes);
    }
}
