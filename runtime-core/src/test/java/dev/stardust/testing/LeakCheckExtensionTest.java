package dev.stardust.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeakCheckExtensionTest {

    @Test
    void aLeakedBufferIsRecordedAndWouldFailTheClass() {
        leakOneBuffer();
        List<String> leaks = new ArrayList<>();
        // Each round is a full GC plus a poll of the detector's queue; one is nearly always enough.
        for (int round = 0; round < 10 && leaks.isEmpty(); round++) {
            leaks.addAll(LeakCheckExtension.collectLeaks());
        }
        assertTrue(leaks.stream().anyMatch(l -> l.contains("ByteBuf") && l.contains("leakOneBuffer")),
                () -> "the deliberate leak was not recorded: " + leaks);
        // collectLeaks() forgot what it returned, so the after-class check of this class stays green.
    }

    @Test
    void releasedBuffersAreNotReported() {
        ByteBuf buf = Unpooled.directBuffer(16);
        buf.writeLong(42);
        buf.release();
        assertTrue(LeakCheckExtension.collectLeaks().isEmpty());
    }

    private static void leakOneBuffer() {
        // Pooled, the kind that matters: an unreleased one is lost to the pool (Netty 4.2 does not even track
        // unpooled heap buffers, which the garbage collector reclaims).
        ByteBuf leaked = ByteBufAllocator.DEFAULT.buffer(32);
        leaked.writeInt(7); // touched, so paranoid records show this method
    }
}
