package dev.stardust.fs.internal;

import dev.stardust.internal.RealLoop;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Closing the file channel under a read or write stream, shared by both. */
final class FileChannels {
    private FileChannels() {
    }

    /**
     * Closes {@code channel} on the worker pool, then calls {@code callback} on the loop with {@code error} if given,
     * else with the close's own failure or null.
     */
    static void closeOnWorker(RealLoop loop, FileChannel channel, @Nullable Throwable error,
            Consumer<@Nullable Throwable> callback) {
        loop.executeBlocking(() -> {
            channel.close();
            return null;
        }).onComplete((v, closeError) -> callback.accept(error != null ? error : closeError));
    }

    /** Closes a channel opened for a stream that was destroyed meanwhile; there is nobody left to tell. */
    static void closeQuietly(@Nullable FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // The stream is gone; its error, if any, was already reported.
        }
    }
}
