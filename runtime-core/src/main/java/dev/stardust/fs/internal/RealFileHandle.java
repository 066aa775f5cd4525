package dev.stardust.fs.internal;

import dev.stardust.Buffer;
import dev.stardust.Promise;
import dev.stardust.fs.FileHandle;
import dev.stardust.fs.Stats;
import dev.stardust.internal.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/** A {@link FileHandle} over a {@link FileChannel}, which allows positional reads and writes from any thread. */
public final class RealFileHandle implements FileHandle {
    private final String path;
    private final FileChannel channel;

    private RealFileHandle(String path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Opens {@code path} with node's {@code flags} on the worker pool. */
    public static Promise<FileHandle> open(String path, String flags) {
        var options = OpenFlags.parse(flags);
        return FsWork.run("open", path, () -> {
            FileChannel channel = FileChannel.open(Path.of(path), options);
            return new RealFileHandle(path, channel);
        });
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Promise<Buffer> read(long position, int length) {
        return FsWork.run("read", path, () -> readAt(channel, position, length));
    }

    @Override
    public Promise<Buffer> read(int length) {
        return FsWork.run("read", path, () -> readAt(channel, -1, length));
    }

    @Override
    public Promise<Integer> write(Buffer data, long position) {
        return FsWork.run("write", path, () -> writeAt(channel, data, position));
    }

    @Override
    public Promise<Integer> write(Buffer data) {
        return FsWork.run("write", path, () -> writeAt(channel, data, -1));
    }

    @Override
    public Promise<Stats> stat() {
        return FsWork.run("fstat", path, () -> {
            checkOpen();
            return FsWork.stats(Path.of(path));
        });
    }

    @Override
    public Promise<Void> truncate(long length) {
        return FsWork.run("ftruncate", path, () -> {
            if (length < channel.size()) {
                channel.truncate(length);
            } else if (length > channel.size()) {
                channel.write(ByteBuffer.allocate(1), length - 1);
            }
            return null;
        });
    }

    @Override
    public Promise<Void> sync() {
        return FsWork.run("fsync", path, () -> {
            channel.force(true);
            return null;
        });
    }

    @Override
    public Promise<Void> close() {
        return FsWork.run("close", path, () -> {
            channel.close();
            return null;
        });
    }

    private void checkOpen() throws IOException {
        if (!channel.isOpen()) {
            throw Errno.fileError("EBADF", "fstat", path);
        }
    }

    /** Reads up to {@code length} bytes at {@code position} (-1: the channel's position); empty at the end. */
    static Buffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        try {
            while (bytes.hasRemaining()) {
                int n = position < 0 ? channel.read(bytes) : channel.read(bytes, position + bytes.position());
                if (n < 0) {
                    break;
                }
            }
        } catch (ClosedChannelException e) {
            throw new IOException("Bad file descriptor", e);
        }
        byte[] array = bytes.array();
        return Buffer.wrap(bytes.position() == length ? array : Arrays.copyOf(array, bytes.position()));
    }

    /** Writes all of {@code data} at {@code position} (-1: the channel's position); returns the byte count. */
    static int writeAt(FileChannel channel, Buffer data, long position) throws IOException {
        ByteBuffer bytes = data.asByteBuffer();
        int total = bytes.remaining();
        try {
            while (bytes.hasRemaining()) {
                if (position < 0) {
                    channel.write(bytes);
                } else {
                    channel.write(bytes, position + (total - bytes.remaining()));
                }
            }
        } catch (ClosedChannelException e) {
            throw new IOException("Bad file descriptor", e);
        }
        return total;
    }
}
