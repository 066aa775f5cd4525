/**
 * The implementation of {@code dev.stardust.http2} on Netty's HTTP/2 frame codec and multiplexer: one child channel
 * per stream, turned into the {@code IncomingMessage} and {@code ServerResponse} of {@code dev.stardust.http}.
 */
@NullMarked
package dev.stardust.http2.internal;

import org.jspecify.annotations.NullMarked;
