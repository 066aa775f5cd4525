package dev.stardust.testing;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the calling thread while a piece of work runs, from HotSpot's per-thread counter
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}): the property tests of issue 20 bound what a
 * decoder allocates by its configured limits, not by the size of a hostile input. Run it on the thread that decodes
 * (the loop thread for streams), since other threads' allocations are not counted.
 */
public final class AllocatedBytes {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocatedBytes() {
    }

    /** Whether the JVM counts allocations per thread (HotSpot does); a bound cannot be checked without it. */
    public static boolean supported() {
        return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled();
    }

    /** Everything {@code thread} has allocated since it started (for a loop thread, measured from outside it). */
    public static long byThread(Thread thread) {
        return THREADS.getThreadAllocatedBytes(thread.getId());
    }

    /** Runs {@code work} on this thread and returns how many bytes this thread allocated meanwhile. */
    public static long during(Runnable work) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        work.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
