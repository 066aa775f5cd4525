/** Implementation of {@code dev.stardust.dgram} on Netty's datagram channels: not public API. */
@NullMarked
package dev.stardust.dgram.internal;

import org.jspecify.annotations.NullMarked;
