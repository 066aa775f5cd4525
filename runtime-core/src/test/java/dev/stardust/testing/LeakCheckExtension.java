package dev.stardust.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes a Netty buffer leak fail the build. Netty's {@link ResourceLeakDetector} only logs; this extension installs,
 * before any {@code ByteBuf} class is initialised, a detector factory whose detectors also record every leak they
 * report. After each test class it provokes detection (a garbage collection, awaited through a reference queue,
 * then a few allocations so the detector polls its queue) and fails the class with the recorded reports.
 *
 * <p>Registered for JUnit's extension autodetection by the runtime-core test-jar, so every module that depends on
 * it gets the check with no code. Leak detection is best effort: a leak is found when the garbage collector
 * notices it, so a report may name the class that ran after the one that leaked; the report's records say where
 * the buffer was last touched. Surefire runs with {@code -Dio.netty.leakDetection.level=paranoid}.
 */
public final class LeakCheckExtension implements AfterAllCallback {
    private static final ConcurrentLinkedQueue<String> LEAKS = new ConcurrentLinkedQueue<>();
    private static final long GC_WAIT_MILLIS = 2_000;

    static {
        install();
    }

    /** Installs the recording detector factory; idempotent. Runs when JUnit loads the extension. */
    public static synchronized void install() {
        if (!(ResourceLeakDetectorFactory.instance() instanceof RecordingFactory)) {
            ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
        }
    }

    /**
     * Provokes leak detection and returns (and forgets) every leak reported since the last call. Tests of the
     * detector itself call this directly; everyone else relies on the after-class check.
     */
    public static List<String> collectLeaks() {
        provokeDetection();
        List<String> found = new ArrayList<>();
        String leak;
        while ((leak = LEAKS.poll()) != null) {
            found.add(leak);
        }
        return found;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leaks = collectLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty resource leak(s) detected after "
                    + context.getDisplayName() + " (possibly from a class that ran before it):\n"
                    + String.join("\n\n", leaks));
        }
    }

    private static void provokeDetection() {
        if (ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.DISABLED) {
            return;
        }
        // A sentinel cleared by the same collection as any unreachable leaked buffer tells us the GC ran.
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
        System.gc();
        try {
            queue.remove(GC_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sentinel.clear();
        // The detector polls its reference queue when it starts tracking a new buffer.
        for (int i = 0; i < 4; i++) {
            ByteBuf pooled = PooledByteBufAllocator.DEFAULT.buffer(8);
            pooled.release();
            ByteBuf direct = Unpooled.directBuffer(8);
            direct.release();
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            return true; // report (and so record) even when the error log level is off
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            LEAKS.add("LEAK: " + resourceType + ".release() was not called before it was garbage-collected."
                    + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            LEAKS.add("LEAK: " + resourceType + ".release() was not called before it was garbage-collected"
                    + " (no records: run with -Dio.netty.leakDetection.level=paranoid to see where)");
            super.reportUntracedLeak(resourceType);
        }
    }
}
