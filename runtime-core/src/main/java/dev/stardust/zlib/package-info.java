/**
 * node's {@code zlib}: gzip, deflate and raw deflate as byte {@link dev.stardust.stream.Transform}s, with one-shot
 * helpers for buffers and an output limit against decompression bombs.
 */
@NullMarked
package dev.stardust.zlib;

import org.jspecify.annotations.NullMarked;
