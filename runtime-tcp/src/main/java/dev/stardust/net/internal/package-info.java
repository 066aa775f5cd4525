/**
 * The implementation of {@code dev.stardust.net}: {@code RealSocket} and {@code RealServer} behind the sealed public
 * types, the channel handler feeding a socket, and the layer hook TLS uses. Exported to {@code dev.stardust.http}
 * only, which adopts an upgraded connection as a socket.
 */
@NullMarked
package dev.stardust.net.internal;

import org.jspecify.annotations.NullMarked;
