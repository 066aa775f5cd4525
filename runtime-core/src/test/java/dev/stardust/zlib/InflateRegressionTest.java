package dev.stardust.zlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stardust.Buffer;
import dev.stardust.StardustException;
import dev.stardust.stream.Transform;
import dev.stardust.testing.AllocatedBytes;
import dev.stardust.testing.LoopTester;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What {@link InflateProperties} found (issue 20): a gzip header was kept whole until it had all arrived, and each
 * piece written was copied onto all the pieces before it, so a file name that never ends (4 MiB of it here, written
 * in 64 KiB pieces) made the loop thread allocate 276 MB. The name is skipped as it comes now.
 */
class InflateRegressionTest {

    @Test
    void anEndlessGzipFileNameHoldsNoMemory() {
        byte[] header = {0x1f, (byte) 0x8b, 8, 8 /* FNAME */, 0, 0, 0, 0, 0, 3};
        Buffer name = Buffer.from(filled(64 * 1024, 'n'));
        long[] allocated = new long[3];
        String[] codes = new String[3];
        for (int round = 0; round < 3; round++) { // the first rounds load classes and compile: the least counts
            int r = round;
            LoopTester.run(t -> {
                Transform<Buffer, Buffer> gunzip = Zlib.createGunzip();
                gunzip.onError(t.expect((Throwable e) -> codes[r] = ((StardustException) e).code()));
                allocated[r] = AllocatedBytes.during(() -> {
                    gunzip.write(Buffer.from(header));
                    for (int i = 0; i < 64; i++) {
                        gunzip.write(name);
                    }
                });
                gunzip.end();
            });
        }
        assertEquals("Z_BUF_ERROR", codes[2], "the input ended inside the header");
        long least = Arrays.stream(allocated).min().orElseThrow();
        assertTrue(!AllocatedBytes.supported() || least < 1024 * 1024, "allocated " + least + " bytes");
    }

    private static byte[] filled(int size, char c) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) c);
        return b;
    }
}
