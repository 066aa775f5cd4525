/** Implementation of {@code dev.stardust.json}: token-to-value building, value writing, error reporting. */
@NullMarked
package dev.stardust.json.internal;

import org.jspecify.annotations.NullMarked;
