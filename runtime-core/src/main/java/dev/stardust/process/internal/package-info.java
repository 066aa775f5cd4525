/** The implementation of {@link dev.stardust.process}: pipe streams fed by reader threads, signals. Not an API. */
@NullMarked
package dev.stardust.process.internal;

import org.jspecify.annotations.NullMarked;
