package dev.stardust.fs;

/**
 * Options of {@link Fs#createReadStream(String, ReadStreamOptions)}: the byte range ({@code start} and an
 * inclusive {@code end}, as node's) and the chunk size, which is also the high-water mark (64 KiB, node's
 * default for file streams). Immutable; each {@code withX} returns a copy.
 */
public final class ReadStreamOptions {
    /** node's default chunk size for file read streams: 64 KiB. */
    public static final int DEFAULT_HIGH_WATER_MARK = 64 * 1024;
    private static final ReadStreamOptions DEFAULTS = new ReadStreamOptions(0, Long.MAX_VALUE,
            DEFAULT_HIGH_WATER_MARK);

    private final long start;
    private final long end;
    private final int highWaterMark;

    private ReadStreamOptions(long start, long end, int highWaterMark) {
        this.start = start;
        this.end = end;
        this.highWaterMark = highWaterMark;
    }

    /** The whole file in 64 KiB chunks. */
    public static ReadStreamOptions defaults() {
        return DEFAULTS;
    }

    /** The offset of the first byte read. */
    public long start() {
        return start;
    }

    /** Options starting at byte {@code start} (node's {@code start}). */
    public ReadStreamOptions withStart(long start) {
        if (start < 0) {
            throw new IllegalArgumentException("start must not be negative, got " + start);
        }
        return new ReadStreamOptions(start, end, highWaterMark);
    }

    /** The offset of the last byte read, inclusive; {@link Long#MAX_VALUE} for the end of the file. */
    public long end() {
        return end;
    }

    /** Options ending after byte {@code end}, inclusive as node's {@code end}. */
    public ReadStreamOptions withEnd(long end) {
        if (end < 0) {
            throw new IllegalArgumentException("end must not be negative, got " + end);
        }
        return new ReadStreamOptions(start, end, highWaterMark);
    }

    /** The chunk size and high-water mark in bytes. */
    public int highWaterMark() {
        return highWaterMark;
    }

    /** Options reading chunks of {@code bytes} (node's {@code highWaterMark}). */
    public ReadStreamOptions withHighWaterMark(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("highWaterMark must be positive, got " + bytes);
        }
        return new ReadStreamOptions(start, end, bytes);
    }
}
