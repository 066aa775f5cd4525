/**
 * Stardust's core: the single-threaded {@link dev.stardust.Loop}, timers, {@link dev.stardust.EventEmitter}
 * and the one-shot {@link dev.stardust.Promise}. Everything here runs on a loop thread unless it says otherwise.
 */
@NullMarked
package dev.stardust;

import org.jspecify.annotations.NullMarked;
