/** The Netty side of {@code dev.stardust.net}: the channel handler feeding a socket, and adopting a channel as one. */
@NullMarked
package dev.stardust.net.internal;

import org.jspecify.annotations.NullMarked;
