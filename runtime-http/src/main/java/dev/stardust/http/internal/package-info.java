/** The Netty-backed implementation of {@link dev.stardust.http}: not part of the public API. */
@NullMarked
package dev.stardust.http.internal;

import org.jspecify.annotations.NullMarked;
