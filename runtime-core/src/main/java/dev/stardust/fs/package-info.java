/**
 * node's {@code fs}: asynchronous file operations whose blocking work runs on the loop's worker pool (as libuv's
 * thread pool does) and whose promises complete on the loop, file streams with backpressure, and directory
 * watching. Failures are {@link dev.stardust.StardustException}s with node's codes ({@code ENOENT}, {@code EEXIST},
 * ...) and node's messages ({@code ENOENT: no such file or directory, open '/x'}).
 */
@NullMarked
package dev.stardust.fs;

import org.jspecify.annotations.NullMarked;
