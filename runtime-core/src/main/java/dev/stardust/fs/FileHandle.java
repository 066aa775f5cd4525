package dev.stardust.fs;

import dev.stardust.Buffer;
import dev.stardust.Promise;

/**
 * An open file, node's {@code fs/promises} {@code FileHandle} (Stardust's form of a descriptor from
 * {@code fs.open}). Reads and writes run on the worker pool and complete on the loop; positional ones may
 * overlap. Close it with {@link #close()}: an open handle does not keep the loop alive, as in node.
 */
public interface FileHandle {

    /** The path the file was opened with. */
    String path();

    /**
     * Reads up to {@code length} bytes at {@code position}; an empty buffer at the end of the file
     * (node's {@code fs.read(fd, buffer, 0, length, position)}).
     */
    Promise<Buffer> read(long position, int length);

    /** Reads up to {@code length} bytes at the current position and advances it (node's position {@code null}). */
    Promise<Buffer> read(int length);

    /** Writes all of {@code data} at {@code position}; the promise holds the bytes written (node's {@code fs.write}). */
    Promise<Integer> write(Buffer data, long position);

    /** Writes all of {@code data} at the current position (the end when opened for appending) and advances it. */
    Promise<Integer> write(Buffer data);

    /** The file's {@link Stats} (node's {@code fs.fstat}). */
    Promise<Stats> stat();

    /** Cuts or extends the file to {@code length} bytes (node's {@code fs.ftruncate}). */
    Promise<Void> truncate(long length);

    /** Flushes data and metadata to the device (node's {@code fs.fsync}). */
    Promise<Void> sync();

    /** Closes the file; later operations fail with {@code EBADF} (node's {@code fs.close}). Idempotent. */
    Promise<Void> close();
}
