package dev.stardust.zlib;

import dev.stardust.StardustException;

/**
 * Settings for a {@link Zlib} stream or one-shot call, node's zlib {@code options}: immutable, each {@code withX}
 * returns a copy. The JDK's {@code Deflater} always compresses with a 32 KiB window, so {@link #windowBits()} is
 * checked (8 to 15, as zlib) but compression output is the same for every value; every inflater accepts it.
 */
public final class ZlibOptions {
    /** Node's {@code Z_DEFAULT_COMPRESSION}: zlib's default level (6). */
    public static final int DEFAULT_COMPRESSION = -1;
    /** Node's {@code Z_DEFAULT_CHUNK}: 16 KiB output chunks. */
    public static final int DEFAULT_CHUNK = 16 * 1024;

    private static final ZlibOptions DEFAULTS = new ZlibOptions(DEFAULT_COMPRESSION, 15, 0, DEFAULT_CHUNK,
            Long.MAX_VALUE);

    private final int level;
    private final int windowBits;
    private final int strategy;
    private final int chunkSize;
    private final long maxOutputLength;

    private ZlibOptions(int level, int windowBits, int strategy, int chunkSize, long maxOutputLength) {
        this.level = level;
        this.windowBits = windowBits;
        this.strategy = strategy;
        this.chunkSize = chunkSize;
        this.maxOutputLength = maxOutputLength;
    }

    /** Default level, 15 window bits, default strategy, 16 KiB chunks and no output limit. */
    public static ZlibOptions defaults() {
        return DEFAULTS;
    }

    /** The compression level, -1 (default) or 0 to 9 (node's {@code level}). */
    public int level() {
        return level;
    }

    /** Options with another compression level: -1 for zlib's default, 0 (none) to 9 (best). */
    public ZlibOptions withLevel(int level) {
        check("level", level, -1, 9);
        return new ZlibOptions(level, windowBits, strategy, chunkSize, maxOutputLength);
    }

    /** The base-two logarithm of the window size, 8 to 15 (node's {@code windowBits}). */
    public int windowBits() {
        return windowBits;
    }

    /** Options with another window size, 8 to 15. */
    public ZlibOptions withWindowBits(int windowBits) {
        check("windowBits", windowBits, 8, 15);
        return new ZlibOptions(level, windowBits, strategy, chunkSize, maxOutputLength);
    }

    /** The strategy: 0 default, 1 filtered, 2 Huffman only (node's {@code strategy}). */
    public int strategy() {
        return strategy;
    }

    /** Options with another compression strategy, 0 to 2. */
    public ZlibOptions withStrategy(int strategy) {
        check("strategy", strategy, 0, 2);
        return new ZlibOptions(level, windowBits, strategy, chunkSize, maxOutputLength);
    }

    /** The size of the output chunks (node's {@code chunkSize}). */
    public int chunkSize() {
        return chunkSize;
    }

    /** Options with another output chunk size, at least 64 bytes. */
    public ZlibOptions withChunkSize(int chunkSize) {
        check("chunkSize", chunkSize, 64, Integer.MAX_VALUE);
        return new ZlibOptions(level, windowBits, strategy, chunkSize, maxOutputLength);
    }

    /**
     * The most bytes a stream or one-shot call may produce before failing with {@code ERR_BUFFER_TOO_LARGE}
     * (node's {@code maxOutputLength}); the guard against decompression bombs.
     */
    public long maxOutputLength() {
        return maxOutputLength;
    }

    /** Options with another output limit, at least 1. */
    public ZlibOptions withMaxOutputLength(long maxOutputLength) {
        if (maxOutputLength < 1) {
            throw new StardustException("ERR_OUT_OF_RANGE", "maxOutputLength must be at least 1, got "
                    + maxOutputLength);
        }
        return new ZlibOptions(level, windowBits, strategy, chunkSize, maxOutputLength);
    }

    private static void check(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new StardustException("ERR_OUT_OF_RANGE", "The value of \"options." + name + "\" is out of range. "
                    + "It must be >= " + min + " and <= " + max + ". Received " + value);
        }
    }

    @Override
    public String toString() {
        return "ZlibOptions[level=" + level + ", windowBits=" + windowBits + ", strategy=" + strategy + ", chunkSize="
                + chunkSize + ", maxOutputLength=" + maxOutputLength + "]";
    }
}
