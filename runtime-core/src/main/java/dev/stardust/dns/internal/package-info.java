/** Implementation of {@code dev.stardust.dns}: not public API. */
@NullMarked
package dev.stardust.dns.internal;

import org.jspecify.annotations.NullMarked;
