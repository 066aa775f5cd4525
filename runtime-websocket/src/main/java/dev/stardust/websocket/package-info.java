/**
 * node's {@code ws} package: {@link dev.stardust.websocket.WebSocketServer} accepts WebSocket connections on an
 * {@code HttpServer} (or its own), {@link dev.stardust.websocket.WebSocket#connect} opens one, and each connection is
 * a {@link dev.stardust.websocket.WebSocket} with {@code message}, {@code close} and {@code error} events and
 * promise-returning {@code send}, {@code ping} and {@code close}. Every callback runs on the loop thread.
 */
@NullMarked
package dev.stardust.websocket;

import org.jspecify.annotations.NullMarked;
