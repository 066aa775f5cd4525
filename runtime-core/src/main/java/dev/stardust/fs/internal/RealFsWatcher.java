package dev.stardust.fs.internal;

import dev.stardust.Promise;
import dev.stardust.fs.FsEvent;
import dev.stardust.fs.FsWatcher;
import dev.stardust.internal.Errno;
import dev.stardust.internal.LoopPromise;
import dev.stardust.internal.RealLoop;
import dev.stardust.internal.ResourceHandle;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * An {@link FsWatcher} on the JDK's {@link WatchService} (inotify on Linux): a daemon thread takes the keys and
 * hands each event to the loop. A {@link ResourceHandle} keeps the loop alive until {@link #close()}.
 */
public final class RealFsWatcher extends FsWatcher {
    private final RealLoop loop = RealLoop.current();
    private final String path;
    private final WatchService service;
    private final ResourceHandle handle = new ResourceHandle(loop, this, this::close);
    private boolean closed;
    private @Nullable LoopPromise<Void> closePromise;

    private RealFsWatcher(String path, WatchService service) {
        this.path = path;
        this.service = service;
    }

    /** Starts watching the directory {@code path}; fails at once with node's error when it cannot. */
    public static RealFsWatcher watch(String path) {
        WatchService service = null;
        try {
            service = FileSystems.getDefault().newWatchService();
            Path dir = Path.of(path);
            if (!Files.isDirectory(dir)) {
                Files.readAttributes(dir, BasicFileAttributes.class);
                throw Errno.fileError("ENOTDIR", "watch", path);
            }
            dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            if (service != null) {
                try {
                    service.close();
                } catch (IOException ignored) {
                    // Already failing with the more useful error.
                }
            }
            throw Errno.fileError(e, "watch", path);
        }
        RealFsWatcher watcher = new RealFsWatcher(path, service);
        watcher.handle.open();
        Thread thread = new Thread(watcher::takeEvents, "stardust-watch-" + path);
        thread.setDaemon(true);
        thread.start();
        return watcher;
    }

    private void takeEvents() {
        try {
            while (true) {
                WatchKey key = service.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        continue;
                    }
                    String type = event.kind() == StandardWatchEventKinds.ENTRY_MODIFY ? "change" : "rename";
                    FsEvent fsEvent = new FsEvent(type, String.valueOf(event.context()));
                    loop.executeInternal(() -> {
                        if (!closed) {
                            emit("change", fsEvent);
                        }
                    });
                }
                if (!key.reset()) {
                    loop.executeInternal(() -> {
                        if (!closed) {
                            emit("error", Errno.fileError("ENOENT", "watch", path));
                            close();
                        }
                    });
                    return;
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException | RejectedExecutionException done) {
            // Closed: the watcher's close() ends this thread.
        }
    }

    @Override
    public Promise<Void> close() {
        loop.checkThread();
        if (closePromise != null) {
            return closePromise;
        }
        LoopPromise<Void> promise = new LoopPromise<>(loop);
        closePromise = promise;
        closed = true;
        try {
            service.close();
        } catch (IOException ignored) {
            // The service's thread ends either way.
        }
        handle.close();
        loop.nextTick(() -> {
            emit("close");
            promise.resolve(null);
        });
        return promise;
    }

    @Override
    public FsWatcher ref() {
        handle.ref();
        return this;
    }

    @Override
    public FsWatcher unref() {
        handle.unref();
        return this;
    }

    @Override
    public boolean hasRef() {
        return handle.hasRef();
    }

    @Override
    public String toString() {
        return "FsWatcher[" + path + "]";
    }
}
