package dev.stardust.zlib.internal;

/** The framing around deflate data: gzip (RFC 1952), zlib (RFC 1950), none, or gzip-or-zlib when decoding. */
public enum Format {
    /** gzip: a 10-byte header, deflate data, then CRC32 and length. */
    GZIP,
    /** zlib: a 2-byte header, deflate data, then Adler-32. */
    ZLIB,
    /** Raw deflate data with no framing. */
    RAW,
    /** Decoding only: gzip or zlib, told apart by the first byte (node's {@code unzip}). */
    AUTO
}
