/** The Netty-backed implementation of {@link dev.stardust.websocket}: not part of the public API. */
@NullMarked
package dev.stardust.websocket.internal;

import org.jspecify.annotations.NullMarked;
