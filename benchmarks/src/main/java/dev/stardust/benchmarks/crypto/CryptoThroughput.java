package dev.stardust.benchmarks.crypto;

import dev.stardust.Buffer;
import dev.stardust.Loop;
import dev.stardust.crypto.Cipher;
import dev.stardust.crypto.Crypto;
import dev.stardust.crypto.Hash;

/**
 * {@code CryptoThroughput OP SECONDS}: MB/s of one crypto operation on 1 MB buffers, run on a loop as a Stardust
 * program would: {@code sha256} (createHash/update/digest) or {@code aes-256-gcm} (createCipheriv/update/final and
 * the tag). The first half of the time warms up; the second half is measured. {@code node/crypto.js} is the same for
 * node; {@code crypto-bench.sh} runs both side by side.
 */
public final class CryptoThroughput {
    private CryptoThroughput() {
    }

    public static void main(String[] args) {
        String op = args[0];
        long seconds = Long.parseLong(args[1]);
        Buffer data = Crypto.randomBytesSync(1 << 20);
        Buffer key = Crypto.randomBytesSync(32);
        Buffer iv = Crypto.randomBytesSync(12);
        double[] mbPerSecond = new double[1];
        Loop.run(() -> {
            Runnable one = switch (op) {
                case "sha256" -> () -> {
                    Hash h = Crypto.createHash("sha256");
                    h.update(data);
                    sink(h.digest());
                };
                case "aes-256-gcm" -> () -> {
                    Cipher c = Crypto.createCipheriv("aes-256-gcm", key, iv);
                    sink(c.update(data));
                    sink(c.finish());
                    sink(c.getAuthTag());
                };
                default -> throw new IllegalArgumentException(op);
            };
            long warmEnd = System.nanoTime() + seconds * 500_000_000L;
            while (System.nanoTime() < warmEnd) {
                one.run();
            }
            long start = System.nanoTime();
            long end = start + seconds * 500_000_000L;
            int n = 0;
            while (System.nanoTime() < end) {
                one.run();
                n++;
            }
            mbPerSecond[0] = n / ((System.nanoTime() - start) / 1e9);
        });
        System.out.printf("%.0f%n", mbPerSecond[0]);
    }

    private static int sunk;

    private static void sink(Buffer b) {
        sunk += b.length();
    }
}
