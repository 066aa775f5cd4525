package dev.stardust.benchmarks.crypto;

import dev.stardust.Buffer;
import dev.stardust.Loop;
import dev.stardust.crypto.Cipher;
import dev.stardust.crypto.Crypto;
import dev.stardust.crypto.Hash;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * sha256 and aes-256-gcm of 1 MB, each run on a loop thread as a Stardust program runs them (the hop from the JMH
 * thread to the loop and back costs microseconds against the operation's hundreds). {@code node/crypto.js} measures
 * node's {@code crypto} on the same sizes; {@code crypto-bench.sh} runs the two side by side.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CryptoBenchmark {
    private Loop loop;
    private Buffer data;
    private Buffer key;
    private Buffer iv;

    @Setup(Level.Trial)
    public void start() {
        loop = Loop.start();
        data = Crypto.randomBytesSync(1 << 20);
        key = Crypto.randomBytesSync(32);
        iv = Crypto.randomBytesSync(12);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        loop.close().get(10, TimeUnit.SECONDS);
    }

    @Benchmark
    public Buffer sha256OneMegabyte() throws Exception {
        return loop.submit(() -> {
            Hash h = Crypto.createHash("sha256");
            h.update(data);
            return h.digest();
        }).get();
    }

    @Benchmark
    public Buffer aes256GcmOneMegabyte() throws Exception {
        return loop.submit(() -> {
            Cipher c = Crypto.createCipheriv("aes-256-gcm", key, iv);
            Buffer body = c.update(data);
            c.finish();
            return c.getAuthTag().length() > 0 ? body : Buffer.EMPTY;
        }).get();
    }
}
