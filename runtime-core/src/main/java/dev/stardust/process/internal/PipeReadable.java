package dev.stardust.process.internal;

import dev.stardust.Buffer;
import dev.stardust.internal.Errno;
import dev.stardust.internal.RealLoop;
import dev.stardust.stream.Readable;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Readable} over a blocking {@link InputStream} (a child's pipe, the JVM's stdin), fed by a reader
 * thread of its own. Backpressure is a handshake: after handing a chunk to the loop the thread waits for a
 * permit, which the loop gives at once when {@code push} returned true, else at the next {@link #doRead}. So at
 * most one chunk is in flight beyond the high-water mark and a slow consumer stops the reads (and the writer
 * on the other side of the pipe, once the kernel's pipe buffer is full).
 */
public final class PipeReadable extends Readable<Buffer> {
    private static final int CHUNK = 64 * 1024;

    private final RealLoop loop = RealLoop.current();
    private final InputStream in;
    private final String name;
    private final Semaphore permits = new Semaphore(0);
    private final Runnable onDone;
    private volatile boolean stopped;
    private boolean parked;
    private boolean started;

    /**
     * A readable of {@code in}; {@code onDone} runs on the loop once the reader thread is finished (end of
     * stream, failure, or destroyed).
     */
    public PipeReadable(InputStream in, String name, Runnable onDone) {
        super(CHUNK);
        this.in = in;
        this.name = name;
        this.onDone = onDone;
    }

    /** Starts the reader thread; with {@code eager} false it starts at the first {@link #doRead}. */
    public PipeReadable start(boolean eager) {
        if (eager) {
            startThread();
        }
        return this;
    }

    private void startThread() {
        if (!started) {
            started = true;
            Thread thread = new Thread(this::readLoop, "stardust-pipe-" + name);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void readLoop() {
        byte[] bytes = new byte[CHUNK];
        Throwable failure = null;
        try {
            while (!stopped) {
                int n = in.read(bytes);
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    continue;
                }
                Buffer chunk = Buffer.from(bytes, 0, n);
                loop.executeInternal(() -> deliver(chunk));
                permits.acquire();
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RejectedExecutionException loopGone) {
            return;
        }
        Throwable error = failure;
        try {
            loop.executeInternal(() -> {
                if (!destroyed()) {
                    if (error != null && !stopped) {
                        destroy(Errno.from(error, "read", name));
                    } else {
                        push(null);
                    }
                }
                onDone.run();
            });
        } catch (RejectedExecutionException loopGone) {
            // The loop ended first: nobody is left to tell.
        }
    }

    private void deliver(Buffer chunk) {
        if (destroyed()) {
            permits.release();
            return;
        }
        if (push(chunk)) {
            permits.release();
        } else {
            parked = true;
        }
    }

    @Override
    protected void doRead(int size) {
        startThread();
        if (parked) {
            parked = false;
            permits.release();
        }
    }

    @Override
    protected void doDestroy(@Nullable Throwable error, Consumer<@Nullable Throwable> callback) {
        stopped = true;
        permits.release();
        if (!started) {
            started = true;
            onDone.run();
        }
        callback.accept(error);
    }
}
