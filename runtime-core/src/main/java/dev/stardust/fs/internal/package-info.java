/** The implementation of {@link dev.stardust.fs}: error translation, file streams, the watcher. Not an API. */
@NullMarked
package dev.stardust.fs.internal;

import org.jspecify.annotations.NullMarked;
