/**
 * node's {@code http2} module: {@link dev.stardust.http2.Http2#createSecureServer} and
 * {@link dev.stardust.http2.Http2#createServer} for servers with the {@code (req, res)} handlers of
 * {@code dev.stardust.http}, and {@link dev.stardust.http2.Http2#connect} for client sessions. Every callback runs on
 * the loop thread.
 */
@NullMarked
package dev.stardust.http2;

import org.jspecify.annotations.NullMarked;
