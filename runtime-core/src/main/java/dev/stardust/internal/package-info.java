/**
 * Implementation of the core: not part of the public API and free to change between releases. Other Stardust
 * modules use it; applications must not.
 */
@NullMarked
package dev.stardust.internal;

import org.jspecify.annotations.NullMarked;
