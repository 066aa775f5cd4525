package dev.stardust.fs;

import dev.stardust.fs.internal.OpenFlags;
import dev.stardust.stream.Writable;

/**
 * Options of {@link Fs#createWriteStream(String, WriteStreamOptions)}: node's open {@code flags} ({@code "w"}
 * truncates, {@code "a"} appends, {@code "wx"} fails with {@code EEXIST} when the file exists, {@code "r+"}
 * writes into an existing file), the {@code start} offset and the high-water mark. Immutable; each
 * {@code withX} returns a copy.
 */
public final class WriteStreamOptions {
    private static final WriteStreamOptions DEFAULTS = new WriteStreamOptions("w", -1,
            Writable.DEFAULT_HIGH_WATER_MARK);

    private final String flags;
    private final long start;
    private final int highWaterMark;

    private WriteStreamOptions(String flags, long start, int highWaterMark) {
        this.flags = flags;
        this.start = start;
        this.highWaterMark = highWaterMark;
    }

    /** Flags {@code "w"}, from the start of the file, node's 16 KiB high-water mark. */
    public static WriteStreamOptions defaults() {
        return DEFAULTS;
    }

    /** The open flags, as node's ({@code "w"}, {@code "wx"}, {@code "a"}, {@code "r+"}...). */
    public String flags() {
        return flags;
    }

    /** Options with other open flags. */
    public WriteStreamOptions withFlags(String flags) {
        OpenFlags.parse(flags);
        return new WriteStreamOptions(flags, start, highWaterMark);
    }

    /** The offset of the first byte written, or -1 for the flags' default (0, or the end when appending). */
    public long start() {
        return start;
    }

    /** Options writing from offset {@code start} (node's {@code start}). */
    public WriteStreamOptions withStart(long start) {
        if (start < 0) {
            throw new IllegalArgumentException("start must not be negative, got " + start);
        }
        return new WriteStreamOptions(flags, start, highWaterMark);
    }

    /** The high-water mark in bytes. */
    public int highWaterMark() {
        return highWaterMark;
    }

    /** Options with another high-water mark. */
    public WriteStreamOptions withHighWaterMark(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("highWaterMark must be positive, got " + bytes);
        }
        return new WriteStreamOptions(flags, start, bytes);
    }
}
